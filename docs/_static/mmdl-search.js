/* 搜索结果的摘要取自页面的纯文本，公式在里面是 TeX 原文（\( … \)、\[ … \]）。
 * 这里用本站的 MathJax（docs/_ext/zh_search.py 只给搜索页加载它与本文件）把摘要里的公式排版出来：
 * 行间公式改成行内的，被摘要截断的半个公式去掉。 */
(() => {
  "use strict";
  // 摘要不从页首的“运行验证”一行（.mmdl-verified，每页都有，只是版本号）开始：取页面文字之前先把它去掉。
  // 它本身也不在搜索索引里（docs/_ext/examples_ext.py 给它加了 no-search）。
  if (typeof Search !== "undefined" && Search.htmlToText && !Search.htmlToText.mmdl) {
    const upstream = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".mmdl-verified").forEach((el) => el.remove());
      return upstream(doc.documentElement.outerHTML, anchor);
    };
    Search.htmlToText.mmdl = true;
  }
  const results = document.getElementById("search-results");
  if (!results) return;
  const OPEN = "\\(", CLOSE = "\\)";

  const inline = (t) => t.split("\\[").join(OPEN).split("\\]").join(CLOSE);
  // 摘要开头被截断：第一个 \( 之前就出现了 \) —— 去掉这段残片
  const cutHead = (t) => {
    const o = t.indexOf(OPEN), c = t.indexOf(CLOSE);
    return c !== -1 && (o === -1 || c < o) ? "…" + t.slice(c + 2) : t;
  };
  // 摘要结尾被截断：最后一个 \( 之后没有 \) —— 去掉这段残片
  const cutTail = (t) => {
    const o = t.lastIndexOf(OPEN);
    return o !== -1 && t.indexOf(CLOSE, o) === -1 ? t.slice(0, o) + "…" : t;
  };

  const prepare = () => {
    for (const p of results.querySelectorAll("p.context:not([data-mmdl-math])")) {
      p.setAttribute("data-mmdl-math", "");
      // 搜索词若落在公式里（如 \operatorname{softmax}），高亮的 <span> 会把 TeX 切成几段，
      // MathJax 就认不出这个公式了：公式里的高亮去掉，文本节点合并回去
      let inMath = false;
      for (const child of [...p.childNodes]) {
        if (child.nodeType === Node.TEXT_NODE) {
          const t = child.nodeValue, o = Math.max(t.lastIndexOf(OPEN), t.lastIndexOf("\\[")),
            c = Math.max(t.lastIndexOf(CLOSE), t.lastIndexOf("\\]"));
          if (o !== -1 || c !== -1) inMath = o > c;
        } else if (inMath) {
          child.replaceWith(document.createTextNode(child.textContent));
        }
      }
      p.normalize();
      // 只改文本节点，保留 sphinx_highlight 加上的高亮 <span>
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      if (!nodes.length) continue;
      for (const n of nodes) n.nodeValue = inline(n.nodeValue);
      nodes[0].nodeValue = cutHead(nodes[0].nodeValue);
      nodes[nodes.length - 1].nodeValue = cutTail(nodes[nodes.length - 1].nodeValue);
    }
  };

  // 结果是一条一条异步加进来的（每条的摘要要先取回那一页）。排版期间观察者断开（MathJax 自己也改 DOM），
  // 这段时间里加进来的结果观察者看不到：排版结束后再查一遍有没有还没处理的摘要。
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(typeset, 100);
  };
  const observer = new MutationObserver(schedule);
  const pending = () => results.querySelector("p.context:not([data-mmdl-math])") !== null;
  const typeset = () => {
    if (!(window.MathJax && MathJax.typesetPromise)) return void (timer = setTimeout(typeset, 100));
    observer.disconnect();
    prepare();
    MathJax.typesetPromise([results])
      .catch((err) => console.warn("MathJax:", err))
      .finally(() => {
        observer.observe(results, { childList: true, subtree: true });
        if (pending()) schedule();
      });
  };
  observer.observe(results, { childList: true, subtree: true });
  if (pending()) schedule();
})();
