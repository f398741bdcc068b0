// The board fits itself to its screen. Blazor renders what the board shows; this script only decides
// how large it is and, when even the smallest readable size is too large, which page of it is on
// screen. It touches nothing Blazor renders: only style.fontSize, style.columnCount and data-fit-*
// attributes, which Blazor's diff leaves alone, and the text of the empty page indicator.
//
// Marked up in BoardView.razor:
//   [data-fit-text="0.2"]  shrinks from its CSS size towards the floor until it takes at most that share of the screen height;
//   [data-fit-region]      fills the space left; its font size is searched between the floor and data-fit-max x floor,
//                          with each column count of data-fit-columns (applied to its [data-fit-list]);
//   [data-fit-item]        what a page is made of; [data-fit-priority] items (a tie) are on every page when they fit together;
//   [data-fit-word]        text whose words must not overflow their line (no hyphenation dictionary, no break in a word);
//   [data-fit-indicator]   shows "page 2/3" when there is more than one page;
//   [data-fit-ignore]      changes inside (the indicator, a ticking countdown) do not make the board fit again.
(() => {
    // Keep in step with board.css (--floor): 24 px on 1920x1080, the same share of any other screen.
    const FLOOR_OF_WIDTH = 24 / 1920;
    const FLOOR_OF_HEIGHT = 24 / 1080;
    const PAGE_MS = 8000;
    // A column narrower than this many letters of the floor size reads badly from afar.
    const MIN_COLUMN_EM = 14;

    const pager = { key: null, layout: null, turns: null, pages: [], columns: 0, sizes: [], page: 0, shownAt: 0, items: [] };
    let scheduled = false;

    const floorPx = () => Math.max(window.innerWidth * FLOOR_OF_WIDTH, window.innerHeight * FLOOR_OF_HEIGHT);
    const findBoard = () => document.querySelector("[data-testid=board][data-fit-board]");

    function schedule() {
        if (!scheduled) {
            scheduled = true;
            requestAnimationFrame(() => {
                scheduled = false;
                fitBoard();
            });
        }
    }

    function textFits(el, maxHeight) {
        return el.getBoundingClientRect().height <= maxHeight + 0.5 && el.scrollWidth <= el.clientWidth + 1;
    }

    function fitTexts(board, floor) {
        board.querySelectorAll("[data-fit-text]").forEach((el) => {
            el.style.fontSize = "";
            const maxHeight = window.innerHeight * Number(el.dataset.fitText);
            const largest = parseFloat(getComputedStyle(el).fontSize);
            if (largest <= floor || textFits(el, maxHeight)) {
                return;
            }
            let lo = floor;
            let hi = largest;
            for (let i = 0; i < 7; i++) {
                const mid = (lo + hi) / 2;
                el.style.fontSize = `${mid}px`;
                if (textFits(el, maxHeight)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            el.style.fontSize = `${lo}px`;
        });
    }

    // The scroll sizes are whole pixels, rounded from fractions: the boxes of what is inside say whether
    // the last line is really whole.
    function overflows(region) {
        if (region.scrollHeight > region.clientHeight || region.scrollWidth > region.clientWidth) {
            return true;
        }
        const box = region.getBoundingClientRect();
        for (const child of region.children) {
            const r = child.getBoundingClientRect();
            if (r.bottom > box.bottom || r.right > box.right) {
                return true;
            }
        }
        const list = region.querySelector("[data-fit-list]");
        return list !== null && (list.scrollHeight > list.clientHeight || list.scrollWidth > list.clientWidth);
    }

    // Returns the pages (sets of items; one page when everything fits) and the column count of a paged
    // layout. With pagedColumns, the words are known not to have changed since a paged layout was found
    // with that many columns: only the answers' order did (a new ranking), so only the pages are cut again;
    // pageSizes, the number of answers on each page before, are tried first: a page that still fits keeps
    // its size, so a new order costs a check a page rather than a search a page.
    function fitRegion(region, floor, pagedColumns = 0, pageSizes = []) {
        const list = region.querySelector("[data-fit-list]");
        const items = [...region.querySelectorAll("[data-fit-item]")];
        const words = [...region.querySelectorAll("[data-fit-word]")];
        const largest = floor * Number(region.dataset.fitMax || "2");
        const setSize = (px) => { region.style.fontSize = `${px}px`; };
        const setColumns = (c) => { if (list) { list.style.columnCount = String(c); } };
        const show = (visible) => items.forEach((el) => el.toggleAttribute("data-fit-off", !visible.has(el)));
        const fits = () => {
            if (overflows(region)) {
                return false;
            }
            return words.every((w) => w.hasAttribute("data-fit-wrap") || w.offsetParent === null || w.scrollWidth <= w.clientWidth + 1);
        };

        if (pagedColumns > 0) {
            setSize(floor);
            return paginate(pagedColumns, [pagedColumns], pageSizes);
        }

        show(new Set(items));
        words.forEach((w) => w.removeAttribute("data-fit-wrap"));
        setSize(floor);
        setColumns(1);
        // A "word" wider than a whole line even at the floor (a pasted link) may break anywhere: nothing else can.
        words.forEach((w) => w.toggleAttribute("data-fit-wrap", w.scrollWidth > w.clientWidth + 1));

        const width = region.clientWidth;
        const columns = (region.dataset.fitColumns || "1").split(",").map(Number)
            .filter((c, i) => i === 0 || width / c >= MIN_COLUMN_EM * floor);

        // Everything at once, as large as it goes.
        let best = null;
        for (const c of columns) {
            setColumns(c);
            setSize(floor);
            if (!fits()) {
                continue;
            }
            let lo = floor;
            let hi = largest;
            setSize(hi);
            if (fits()) {
                lo = hi;
            } else {
                for (let i = 0; i < 8; i++) {
                    const mid = (lo + hi) / 2;
                    setSize(mid);
                    if (fits()) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            // More columns only when they give clearly larger type.
            if (!best || lo > best.px * 1.05) {
                best = { c, px: lo };
            }
        }
        if (best) {
            setColumns(best.c);
            setSize(best.px);
            return { pages: [new Set(items)], columns: 0, sizes: [] };
        }

        // Too much for one screen at the floor: pages at the floor.
        setSize(floor);
        return paginate(columns[0], columns);

        function paginate(firstColumns, choices, pageSizes = []) {
            let pinned = items.filter((el) => el.hasAttribute("data-fit-priority"));
            let rest = items.filter((el) => !el.hasAttribute("data-fit-priority"));
            const prefix = (start) => {
                // The most items from start on that fit beside the pinned ones (fitting only gets worse with more).
                let lo = 0;
                let hi = rest.length - start;
                while (lo < hi) {
                    const mid = Math.ceil((lo + hi) / 2);
                    show(new Set([...pinned, ...rest.slice(start, start + mid)]));
                    if (fits()) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return lo;
            };
            if (pinned.length > 0) {
                // A tie is on every page if it fits on its own; if not, its answers come first.
                const alone = choices.some((c) => {
                    setColumns(c);
                    show(new Set(pinned));
                    return fits();
                });
                if (!alone) {
                    rest = [...pinned, ...rest];
                    pinned = [];
                }
            }
            // The same size of page as before, when those answers still fit together.
            const keeps = (start, k) => {
                if (!(k > 0) || start + k > rest.length) {
                    return false;
                }
                show(new Set([...pinned, ...rest.slice(start, start + k)]));
                return fits();
            };
            let chosen = { c: firstColumns, k: -1 };
            if (pageSizes.length > 0) {
                setColumns(firstColumns);
                chosen = { c: firstColumns, k: keeps(0, pageSizes[0]) ? pageSizes[0] : prefix(0) };
            } else {
                for (const c of choices) {
                    setColumns(c);
                    const k = prefix(0);
                    if (k > chosen.k) {
                        chosen = { c, k };
                    }
                }
            }
            setColumns(chosen.c);
            const pages = [];
            const sizes = [];
            for (let start = 0; start < rest.length;) {
                // At least one item a page, so paging always moves on.
                const before = pageSizes[pages.length];
                const k = Math.max(1, start === 0 ? chosen.k : keeps(start, before) ? before : prefix(start));
                pages.push(new Set([...pinned, ...rest.slice(start, start + k)]));
                sizes.push(k);
                start += k;
            }
            return { pages: pages.length > 0 ? pages : [new Set(items)], columns: chosen.c, sizes };
        }
    }

    function showPage(board) {
        const page = pager.pages[pager.page] ?? new Set(pager.items);
        pager.items.forEach((el) => el.toggleAttribute("data-fit-off", !page.has(el)));
        const count = Math.max(1, pager.pages.length);
        board.dataset.fitPage = String(pager.page + 1);
        board.dataset.fitPages = String(count);
        const indicator = board.querySelector("[data-fit-indicator]");
        if (indicator) {
            const text = count > 1 ? `${indicator.dataset.label || ""} ${pager.page + 1}/${count}`.trim() : "";
            if (indicator.textContent !== text) {
                indicator.textContent = text;
            }
            indicator.hidden = count <= 1;
        }
    }

    // What decides the layout: the screen, the stage, question and phase, and the words of everything fitted,
    // with each digit folded to 0, so a count that goes from 7 to 8 (the board re-renders on every ballot) is
    // no reason to search sizes and columns again, while one that goes from 9 to 10 is. Items in sorted
    // order: a new ranking moves answers, not words, and the layout is checked after every change anyway.
    const fold = (text) => text.replace(/\d/g, "0");
    function layoutKey(board, items) {
        const texts = [...board.querySelectorAll("[data-fit-text]")].map((el) => fold(el.textContent));
        const itemTexts = items.map((el) => fold(el.textContent)).sort();
        return JSON.stringify([window.innerWidth, window.innerHeight, board.dataset.stage, board.dataset.question, board.dataset.phase, texts, itemTexts]);
    }
    const sameNodes = (a, b, ordered) => a.length === b.length && (ordered ? a.every((el, i) => el === b[i]) : a.every((el) => b.includes(el)));

    // What was fitted, for whoever checks that the board is done (the browser tests and the board benchmark):
    // data-fit-full is "1" after a search of sizes and columns, "pages" when only the pages were cut again,
    // "0" when the layout found before still fitted; data-fit-count counts the searches.
    function markFitted(board, started, full) {
        board.dataset.fitted = `${board.dataset.version} ${window.innerWidth}x${window.innerHeight}`;
        board.dataset.fitMs = (performance.now() - started).toFixed(1);
        board.dataset.fitFull = full;
        board.dataset.fitCount = String(Number(board.dataset.fitCount || "0") + (full === "1" ? 1 : 0));
    }

    function fitBoard(pass = 1) {
        const board = findBoard();
        if (!board) {
            return;
        }
        const started = performance.now();
        const region = board.querySelector("[data-fit-region]");
        const items = region ? [...region.querySelectorAll("[data-fit-item]")] : [];
        const key = layoutKey(board, items);
        const turns = Number(board.dataset.pageTurns || "0");
        // The same words on the same screen, nothing turned and still fitting: keep the sizes, columns and pages
        // found before. A full fit costs hundreds of milliseconds with 150 answers on a slow laptop.
        // Why it fits again (data-fit-why), for whoever wonders why a board was slow to follow.
        let why = "";
        if (pass === 1) {
            why = key !== pager.layout ? "words" : turns !== pager.turns ? "page turned"
                : !sameNodes(items, pager.items, false) ? "other answers"
                : !sameNodes(items, pager.items, pager.pages.length > 1) ? "answers moved" : "";
            if (!why) {
                showPage(board);
                if (!region || !overflows(region)) {
                    markFitted(board, started, "0");
                    return;
                }
                why = "overflow";
            }
            board.dataset.fitWhy = why;
        }
        const floor = floorPx();
        board.dataset.fitFloor = floor.toFixed(2);
        fitTexts(board, floor);

        const place = [board.dataset.stage, board.dataset.question, board.dataset.phase].join("|");
        if (place !== pager.key) {
            pager.key = place;
            pager.page = 0;
            pager.shownAt = performance.now();
        }
        const turned = pager.turns === null ? 0 : turns - pager.turns;
        pager.turns = turns;

        // Only the order moved on a paged board: the sizes and columns stand, the pages are cut again.
        const repage = why.startsWith("answers moved") && pager.pages.length > 1 && pager.columns > 0;
        pager.items = items;
        const fitted = region ? fitRegion(region, floor, repage ? pager.columns : 0, repage ? pager.sizes : []) : { pages: [], columns: 0, sizes: [] };
        pager.pages = fitted.pages;
        pager.columns = fitted.columns;
        pager.sizes = fitted.sizes;
        // Measured after fitting: the fitted sizes themselves do not change the words.
        pager.layout = key;
        const count = Math.max(1, pager.pages.length);
        if (turned !== 0) {
            // The facilitator turned the page: every board moves on from the page it shows, and the room
            // gets a whole interval to read it.
            pager.page = (((pager.page + turned) % count) + count) % count;
            pager.shownAt = performance.now();
        }
        pager.page = Math.min(pager.page, count - 1);
        showPage(board);
        // Showing the page indicator can take a line from the space the answers were fitted in: fit once more.
        if (region && pass === 1 && overflows(region)) {
            fitBoard(2);
            return;
        }
        markFitted(board, started, repage ? "pages" : "1");
    }

    function turn(by) {
        const board = findBoard();
        const count = pager.pages.length;
        if (board && count > 1) {
            pager.page = (((pager.page + by) % count) + count) % count;
            pager.shownAt = performance.now();
            showPage(board);
        }
    }

    // A facilitator beside the projector's laptop, or with a presenter's clicker (which sends PageDown and
    // PageUp), turns the pages on the board itself; the console's page buttons reach every board.
    document.addEventListener("keydown", (event) => {
        if (!findBoard() || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        const by = { PageDown: 1, ArrowRight: 1, ArrowDown: 1, " ": 1, PageUp: -1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        if (by) {
            event.preventDefault();
            turn(by);
        }
    });

    setInterval(() => {
        const board = findBoard();
        if (board && pager.pages.length > 1 && performance.now() - pager.shownAt >= PAGE_MS) {
            pager.page = (pager.page + 1) % pager.pages.length;
            pager.shownAt = performance.now();
            showPage(board);
        }
    }, 250);

    const observer = new MutationObserver((records) => {
        // The indicator's text is written here and a countdown ticks every second: neither is a reason to fit again.
        if (records.some((r) => !(r.target.closest ? r.target : r.target.parentElement)?.closest("[data-fit-ignore]"))) {
            schedule();
        }
    });
    const start = () => {
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["data-version", "data-page-turns", "data-stage", "data-phase"] });
        schedule();
    };
    window.addEventListener("resize", schedule);
    if (document.fonts) {
        document.fonts.ready.then(schedule);
    }
    if (document.body) {
        start();
    } else {
        document.addEventListener("DOMContentLoaded", start);
    }
})();
