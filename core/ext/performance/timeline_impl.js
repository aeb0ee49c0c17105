// timeline_impl.js: User Timing and the Performance Timeline, compiled from the binary at a
// program's first use (timeline.js says when).
//
// The entry buffer is kept sorted by startTime (stable: an entry goes after those with the
// same time), so getEntries* are a filter; the latest mark of each name is in a map, so a
// measure between named marks does not scan the buffer.
(function (P) {
  "use strict";
  const perf = P.performance;
  // Taken at bootstrap (timeline.js): a program replacing the globals does not change how
  // observers run.
  const { names, setTimeoutP, structuredCloneP } = P.timelineBoot;

  const internal = Symbol("internal");
  const supportedTypes = Object.freeze(["mark", "measure"]);
  const buffer = []; // marks and measures, sorted by startTime
  const latestMark = new Map(); // name -> the mark of that name added last
  const observers = []; // registered PerformanceObservers
  let taskQueued = false;

  const illegal = () => new TypeError("Illegal constructor");
  const syntaxError = (msg) => new P.DOMException(msg, "SyntaxError");

  function argCount(n, need, what) {
    if (n < need) {
      throw new TypeError(`${what}: ${need} argument${need > 1 ? "s" : ""} required, but ` +
        `only ${n} present.`);
    }
  }

  // A dictionary argument: undefined/null is empty, anything else but an object throws.
  function dict(v, what) {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" && typeof v !== "function") {
      throw new TypeError(`${what}: The provided value is not of type '${
        what.includes("observe") ? "PerformanceObserverInit" : "dictionary"}'.`);
    }
    return v;
  }

  // DOMHighResTimeStamp is a `double`: a non-finite value is a TypeError.
  function timeStamp(v, what) {
    const n = +v;
    if (!Number.isFinite(n)) {
      throw new TypeError(`${what}: The provided double value is non-finite.`);
    }
    return n;
  }

  // (DOMString or DOMHighResTimeStamp)
  function markOrTime(v, what) {
    return typeof v === "number" ? timeStamp(v, what) : `${v}`;
  }

  // ---------------------------------------------------------------- entries

  class PerformanceEntry {
    #name;
    #entryType;
    #startTime;
    #duration;

    constructor(token = undefined, name, entryType, startTime, duration) {
      if (token !== internal) throw illegal();
      this.#name = name;
      this.#entryType = entryType;
      this.#startTime = startTime;
      this.#duration = duration;
    }
    get name() {
      return this.#name;
    }
    get entryType() {
      return this.#entryType;
    }
    get startTime() {
      return this.#startTime;
    }
    get duration() {
      return this.#duration;
    }
    toJSON() {
      const json = {
        name: this.#name,
        entryType: this.#entryType,
        startTime: this.#startTime,
        duration: this.#duration,
      };
      if (isDetailed(this)) json.detail = detailOf(this);
      return json;
    }
  }

  let isDetailed, detailOf;

  class PerformanceMark extends PerformanceEntry {
    #detail;

    constructor(markName, markOptions = undefined) {
      const what = "Failed to construct 'PerformanceMark'";
      argCount(arguments.length, 1, what);
      const name = `${markName}`;
      const opts = dict(markOptions, what);
      // Members in lexicographic order: detail, startTime.
      const detail = opts === undefined ? undefined : opts.detail;
      const st = opts === undefined ? undefined : opts.startTime;
      let startTime;
      if (st !== undefined) {
        startTime = timeStamp(st, what);
        if (startTime < 0) {
          throw new TypeError(`${what}: '${name}' cannot have a negative start time.`);
        }
      } else {
        startTime = perf.now();
      }
      super(internal, name, "mark", startTime, 0);
      this.#detail = detail === undefined ? null : structuredCloneP(detail);
    }
    get detail() {
      return this.#detail;
    }
    static {
      isDetailed = (e) => #detail in e || isMeasure(e);
      detailOf = (e) => (#detail in e ? e.#detail : measureDetail(e));
    }
  }

  let isMeasure, measureDetail, makeMeasure;

  class PerformanceMeasure extends PerformanceEntry {
    #detail;

    constructor(token = undefined, name, startTime, duration, detail) {
      if (token !== internal) throw illegal();
      super(internal, name, "measure", startTime, duration);
      this.#detail = detail;
    }
    get detail() {
      return this.#detail;
    }
    static {
      isMeasure = (e) => #detail in e;
      measureDetail = (e) => e.#detail;
      makeMeasure = (name, start, duration, detail) =>
        new PerformanceMeasure(internal, name, start, duration, detail);
    }
  }

  // ---------------------------------------------------------------- the buffer

  function add(entry) {
    const t = entry.startTime;
    let i = buffer.length;
    if (i === 0 || buffer[i - 1].startTime <= t) {
      buffer.push(entry);
    } else {
      // After the last entry with startTime <= t.
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (buffer[mid].startTime <= t) lo = mid + 1;
        else hi = mid;
      }
      buffer.splice(lo, 0, entry);
    }
    if (observers.length > 0) notify(entry);
  }

  // entries sorted by startTime (stable), filtered by name and type when given.
  function filter(list, name, type) {
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (name !== undefined && e.name !== name) continue;
      if (type !== undefined && e.entryType !== type) continue;
      out.push(e);
    }
    return out;
  }

  function sorted(list) {
    // Array.prototype.sort is stable.
    return list.slice().sort((a, b) => a.startTime - b.startTime);
  }

  // ---------------------------------------------------------------- performance's methods

  function mark(n, markName, markOptions) {
    argCount(n, 1, "Failed to execute 'mark' on 'Performance'");
    const entry = new PerformanceMark(markName, markOptions);
    latestMark.set(entry.name, entry);
    add(entry);
    return entry;
  }

  // A mark's name or a time to a timestamp (User Timing's "convert a mark to a timestamp").
  function toTimestamp(v, what) {
    if (typeof v === "string") {
      const m = latestMark.get(v);
      if (m === undefined) throw syntaxError(`${what}: The mark '${v}' does not exist.`);
      return m.startTime;
    }
    if (v < 0) throw new TypeError(`${what}: '${v}' is a negative time stamp.`);
    return v;
  }

  function measure(n, measureName, startOrOptions, endMark) {
    const what = "Failed to execute 'measure' on 'Performance'";
    argCount(n, 1, what);
    const name = `${measureName}`;
    // (DOMString or PerformanceMeasureOptions): objects, undefined and null are the dictionary.
    let opts;
    let startName;
    if (startOrOptions === undefined || startOrOptions === null ||
        typeof startOrOptions === "object" || typeof startOrOptions === "function") {
      opts = startOrOptions == null ? undefined : startOrOptions;
    } else {
      startName = `${startOrOptions}`;
    }
    // Members in lexicographic order: detail, duration, end, start.
    let detail, duration, end, start;
    if (opts !== undefined) {
      detail = opts.detail;
      duration = opts.duration;
      if (duration !== undefined) duration = timeStamp(duration, what);
      end = opts.end;
      if (end !== undefined) end = markOrTime(end, what);
      start = opts.start;
      if (start !== undefined) start = markOrTime(start, what);
    }
    const endName = endMark === undefined ? undefined : `${endMark}`;
    const hasOptions = opts !== undefined && (start !== undefined || end !== undefined ||
      duration !== undefined || detail !== undefined);
    if (hasOptions) {
      if (endName !== undefined) {
        throw new TypeError(`${what}: If a non-empty PerformanceMeasureOptions object was ` +
          "passed, |end_mark| must not be passed.");
      }
      if (start === undefined && end === undefined) {
        throw new TypeError(`${what}: If a non-empty PerformanceMeasureOptions object was ` +
          "passed, at least one of its 'start' or 'end' properties must be present.");
      }
      if (start !== undefined && duration !== undefined && end !== undefined) {
        throw new TypeError(`${what}: If a non-empty PerformanceMeasureOptions object was ` +
          "passed, it must not have all of its 'start', 'duration', and 'end' properties " +
          "defined");
      }
    }
    let endTime;
    if (endName !== undefined) endTime = toTimestamp(endName, what);
    else if (hasOptions && end !== undefined) endTime = toTimestamp(end, what);
    else if (hasOptions && start !== undefined && duration !== undefined) {
      endTime = toTimestamp(start, what) + toTimestamp(duration, what);
    } else endTime = perf.now();
    let startTime;
    if (hasOptions && start !== undefined) startTime = toTimestamp(start, what);
    else if (hasOptions && duration !== undefined && end !== undefined) {
      startTime = toTimestamp(end, what) - toTimestamp(duration, what);
    } else if (startName !== undefined) startTime = toTimestamp(startName, what);
    else startTime = 0;
    const entry = makeMeasure(name, startTime, endTime - startTime,
      hasOptions && detail !== undefined ? structuredCloneP(detail) : null);
    add(entry);
    return entry;
  }

  function clear(type, name) {
    const key = name === undefined ? undefined : `${name}`;
    let j = 0;
    for (let i = 0; i < buffer.length; i++) {
      const e = buffer[i];
      if (e.entryType !== type || (key !== undefined && e.name !== key)) buffer[j++] = e;
    }
    buffer.length = j;
    if (type === "mark") {
      if (key === undefined) latestMark.clear();
      else latestMark.delete(key);
    }
  }

  // mode: 0 getEntries, 1 by type, 2 by name (and type), -1 a missing argument.
  function entries(mode, name, type) {
    if (mode === -1) {
      throw new TypeError("Failed to execute 'getEntriesBy...' on 'Performance': 1 " +
        "argument required, but only 0 present.");
    }
    if (mode === 0) return buffer.slice();
    if (mode === 1) return filter(buffer, undefined, `${type}`);
    return filter(buffer, `${name}`, type === undefined ? undefined : `${type}`);
  }

  // ---------------------------------------------------------------- observers

  let observerState;

  function notify(entry) {
    const type = entry.entryType;
    for (let i = 0; i < observers.length; i++) {
      const s = observerState(observers[i]);
      if (s.types.includes(type)) {
        s.buffer.push(entry);
        queueTask();
      }
    }
  }

  function queueTask() {
    if (taskQueued) return;
    taskQueued = true;
    setTimeoutP(deliver, 0);
  }

  // The performance timeline task: each registered observer with entries gets its callback,
  // an error in one is reported and does not stop the others.
  function deliver() {
    taskQueued = false;
    const list = observers.slice();
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      const s = observerState(o);
      if (s.buffer.length === 0) continue;
      const records = s.buffer;
      s.buffer = [];
      const options = {};
      if (s.dropped !== undefined) {
        options.droppedEntriesCount = s.dropped;
        s.dropped = undefined;
      }
      try {
        s.callback.call(o, new PerformanceObserverEntryList(internal, records), o, options);
      } catch (e) {
        P.events().reportError(e);
      }
    }
  }

  function stringList(v, what) {
    if (v === null || (typeof v !== "object" && typeof v !== "function") ||
        typeof v[Symbol.iterator] !== "function") {
      throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const out = [];
    for (const x of v) out.push(`${x}`);
    return out;
  }

  class PerformanceObserver {
    #callback;
    #buffer = [];
    #types = []; // the entry types of its options list
    #kind; // undefined, "single" or "multiple"
    #dropped; // droppedEntriesCount to pass to the next callback (set by buffered)

    constructor(callback) {
      const what = "Failed to construct 'PerformanceObserver'";
      argCount(arguments.length, 1, what);
      if (typeof callback !== "function") {
        throw new TypeError(`${what}: The callback provided as parameter 1 is not a function.`);
      }
      this.#callback = callback;
    }

    observe(options = undefined) {
      const what = "Failed to execute 'observe' on 'PerformanceObserver'";
      this.#types; // brand check before the argument
      const opts = dict(options, what);
      // Members in lexicographic order: buffered, entryTypes, type.
      let buffered = opts === undefined ? undefined : opts.buffered;
      if (buffered !== undefined) buffered = Boolean(buffered);
      let entryTypes = opts === undefined ? undefined : opts.entryTypes;
      if (entryTypes !== undefined) entryTypes = stringList(entryTypes, what);
      let type = opts === undefined ? undefined : opts.type;
      if (type !== undefined) type = `${type}`;
      if (entryTypes === undefined && type === undefined) {
        throw new TypeError(`${what}: An observe() call must include either entryTypes or type.`);
      }
      if (entryTypes !== undefined && (type !== undefined || buffered !== undefined)) {
        throw new TypeError(`${what}: An observe() call must not include both entryTypes ` +
          "and type or buffered arguments.");
      }
      if (this.#kind === undefined) this.#kind = entryTypes !== undefined ? "multiple" : "single";
      if (this.#kind === "single" && entryTypes !== undefined) {
        throw new P.DOMException(`${what}: This observer has performed observe({type:...}, ` +
          "therefore it cannot perform observe({entryTypes:...})", "InvalidModificationError");
      }
      if (this.#kind === "multiple" && type !== undefined) {
        throw new P.DOMException(`${what}: This PerformanceObserver has performed ` +
          "observe({entryTypes:...}, therefore it cannot perform observe({type:...})",
          "InvalidModificationError");
      }
      if (this.#kind === "multiple") {
        const types = entryTypes.filter((t) => supportedTypes.includes(t));
        if (types.length === 0) return;
        this.#types = [...new Set(types)];
      } else {
        if (!supportedTypes.includes(type)) return;
        if (!this.#types.includes(type)) this.#types.push(type);
        if (buffered) {
          const have = filter(buffer, undefined, type);
          for (let i = 0; i < have.length; i++) this.#buffer.push(have[i]);
          queueTask();
        }
      }
      // The next callback is told how many entries the buffer dropped: none, it is
      // unbounded.
      this.#dropped = 0;
      if (!observers.includes(this)) observers.push(this);
    }

    disconnect() {
      this.#types = [];
      this.#buffer = [];
      const i = observers.indexOf(this);
      if (i >= 0) observers.splice(i, 1);
    }

    takeRecords() {
      const records = this.#buffer;
      this.#buffer = [];
      return records;
    }

    static get supportedEntryTypes() {
      return supportedTypes;
    }

    static {
      observerState = (o) => ({
        get types() { return o.#types; },
        get buffer() { return o.#buffer; },
        set buffer(v) { o.#buffer = v; },
        get callback() { return o.#callback; },
        get dropped() { return o.#dropped; },
        set dropped(v) { o.#dropped = v; },
      });
    }
  }

  class PerformanceObserverEntryList {
    #entries;

    constructor(token = undefined, entries) {
      if (token !== internal) throw illegal();
      this.#entries = entries;
    }
    getEntries() {
      return sorted(this.#entries);
    }
    getEntriesByType(type) {
      const list = this.#entries;
      argCount(arguments.length, 1,
        "Failed to execute 'getEntriesByType' on 'PerformanceObserverEntryList'");
      return sorted(filter(list, undefined, `${type}`));
    }
    getEntriesByName(name, type = undefined) {
      const list = this.#entries;
      argCount(arguments.length, 1,
        "Failed to execute 'getEntriesByName' on 'PerformanceObserverEntryList'");
      return sorted(filter(list, `${name}`, type === undefined ? undefined : `${type}`));
    }
  }

  // WebIDL shapes: members enumerable, @@toStringTag, lengths as declared.
  const classes = { PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
    PerformanceObserverEntryList };
  for (const name of names) {
    const C = classes[name];
    for (const obj of [C.prototype, C]) {
      for (const key of Object.getOwnPropertyNames(obj)) {
        if (key === "constructor" || (obj === C && (key === "prototype" ||
            key === "length" || key === "name"))) {
          continue;
        }
        Object.defineProperty(obj, key, { enumerable: true });
      }
    }
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
  }
  // Constructors that are never called by a program declare no arguments.
  for (const C of [PerformanceEntry, PerformanceMeasure, PerformanceObserverEntryList]) {
    Object.defineProperty(C, "length", { value: 0 });
  }

  return { ...classes, mark, measure, clear, entries };
});
