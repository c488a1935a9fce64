// Accessibility helpers for the book's pages (added by _ext/accessible_html.py).
//
// The theme's colour-mode button shows an icon for the current mode (sun, moon,
// half circle) but its accessible name is only "Color mode". Name it after the
// mode it shows, "Color mode: dark", and keep the name current when the reader
// switches (the theme sets data-mode on <html>). The icons are decorative
// (_templates/theme-switcher.html).
(() => {
  const modeNames = { light: "light", dark: "dark", auto: "system setting" };
  const label = () => {
    const mode = document.documentElement.dataset.mode || "auto";
    const name = `Color mode: ${modeNames[mode] || mode}`;
    document.querySelectorAll(".theme-switch-button").forEach((button) => {
      button.setAttribute("aria-label", name);
    });
  };
  const start = () => {
    label();
    new MutationObserver(label).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-mode"],
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
