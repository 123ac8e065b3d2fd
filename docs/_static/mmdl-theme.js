/* 读者体验的两件小事（模板见 docs/_templates/layout.html，样式见 mmdl.css）：
 * 1. 深色模式开关：默认跟随系统（prefers-color-scheme）；读者按一下就固定为深色或浅色，
 *    记在 localStorage（"mmdl-theme"），换页、下次打开都保持。<head> 里的一行脚本在页面画出之前套用它。
 * 2. 能横向滚动的代码块、输出和宽公式可以用键盘到达（tabindex=0），方向键就能滚动它们。
 * 3. 示例的图有深色版本（<picture> 里的 <source data-mmdl-dark>，见 docs/_ext/examples_ext.py）：它的 media
 *    默认是 (prefers-color-scheme: dark)，跟随系统；读者选定了配色（html[data-theme]）就改成 all / not all，
 *    图随开关立即切换，不用重新加载。本文件在 <head> 里同步加载，图还没解析出来就开始盯着，不先显示浅色图。 */
(() => {
  "use strict";
  const KEY = "mmdl-theme";
  const root = document.documentElement;
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  const stored = () => { try { return localStorage.getItem(KEY); } catch (e) { return null; } };
  const isDark = () => (root.dataset.theme || (system.matches ? "dark" : "light")) === "dark";

  const DARK_MEDIA = "(prefers-color-scheme: dark)";
  const figureMedia = () => root.dataset.theme === "dark" ? "all" : root.dataset.theme === "light" ? "not all" : DARK_MEDIA;
  const syncFigures = (sources) => {
    const media = figureMedia();
    for (const s of sources || document.querySelectorAll("source[data-mmdl-dark]")) if (s.media !== media) s.media = media;
  };
  // 解析页面时新出现的图（在浏览器为 <picture> 选图之前改好 media）；配色变了（开关、另一个标签页）时全部改
  const watcher = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") { syncFigures(); continue; }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches("source[data-mmdl-dark]")) syncFigures([n]);
        else if (n.firstElementChild) syncFigures(n.querySelectorAll("source[data-mmdl-dark]"));
      }
    }
  });
  watcher.observe(root, { childList: true, subtree: true });
  new MutationObserver(() => syncFigures()).observe(root, { attributes: true, attributeFilter: ["data-theme"] });

  const setup = () => {
    watcher.disconnect();
    syncFigures();
    for (const button of document.querySelectorAll(".mmdl-theme-toggle")) {
      const show = () => {
        button.setAttribute("aria-pressed", String(isDark()));
        button.title = isDark() ? "切换到浅色模式" : "切换到深色模式";
      };
      button.addEventListener("click", () => {
        const next = isDark() ? "light" : "dark";
        root.dataset.theme = next;
        try { localStorage.setItem(KEY, next); } catch (e) { /* 隐私模式：本页有效即可 */ }
        show();
      });
      system.addEventListener("change", show);
      window.addEventListener("storage", (e) => {  // 另一个标签页里切换了
        if (e.key === KEY) { if (stored()) root.dataset.theme = stored(); else delete root.dataset.theme; show(); }
      });
      show();
      button.hidden = false;
    }
    focusableScrollers();
  };

  const focusableScrollers = () => {
    const scrolls = (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    for (const el of document.querySelectorAll('div.highlight pre, .wy-table-responsive, mjx-container[display="true"]')) {
      if (el.hasAttribute("tabindex") || !scrolls(el)) continue;
      el.tabIndex = 0;
      if (!el.hasAttribute("role")) el.setAttribute("role", "region");
      if (!el.hasAttribute("aria-label")) {
        const caption = el.closest(".literal-block-wrapper")?.querySelector(".caption-text");
        el.setAttribute("aria-label", caption ? caption.textContent.trim() : "可横向滚动的内容");
      }
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
  // 公式由 MathJax 稍后排版；窗口变窄时代码块也可能变得能滚动
  // 样式表、网页字体到齐（load 之后字体还可能在来）才是最终排版：那时再看一遍；公式由 MathJax 稍后排版
  window.addEventListener("load", () => {
    focusableScrollers();
    document.fonts?.ready.then(focusableScrollers);
    if (window.MathJax?.startup?.promise) MathJax.startup.promise.then(focusableScrollers);
  });
  window.addEventListener("resize", focusableScrollers);
  // 别的原因改了排版（例如窗口里的内容变宽），表格也可能变得能滚动：观察表格与外面那层的尺寸
  if (window.ResizeObserver) {
    const observer = new ResizeObserver(focusableScrollers);
    const watch = () => document.querySelectorAll(".wy-table-responsive, .wy-table-responsive > table").forEach((el) => observer.observe(el));
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch); else watch();
  }
})();
