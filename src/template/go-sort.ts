// Go's sort.Sort (pattern-defeating quicksort), step for step. go-yaml orders mapping keys
// with a comparison that is not transitive for some mixes of digits and letters; for such
// keys the order depends on the exact sequence of comparisons, so it is reproduced here.

type Less = (a: number, b: number) => boolean;

class Sorter<T> {
  constructor(
    private readonly data: T[],
    private readonly lessValues: (a: T, b: T) => boolean,
  ) {}
  less: Less = (i, j) => this.lessValues(this.data[i]!, this.data[j]!);
  swap(i: number, j: number): void {
    const t = this.data[i]!;
    this.data[i] = this.data[j]!;
    this.data[j] = t;
  }
}

function bitLength(n: number): number {
  return n === 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}

/** Sort in place exactly as Go's sort.Sort orders a slice with this Less. */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const n = items.length;
  if (n <= 1) return items;
  const s = new Sorter(items, less);
  pdqsort(s, 0, n, bitLength(n));
  return items;
}

function insertionSort<T>(s: Sorter<T>, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && s.less(j, j - 1); j--) s.swap(j, j - 1);
  }
}

function siftDown<T>(s: Sorter<T>, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && s.less(first + child, first + child + 1)) child++;
    if (!s.less(first + root, first + child)) return;
    s.swap(first + root, first + child);
    root = child;
  }
}

function heapSort<T>(s: Sorter<T>, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(s, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    s.swap(first, first + i);
    siftDown(s, 0, i, first);
  }
}

const enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

function pdqsort<T>(s: Sorter<T>, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(s, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(s, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(s, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(s, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(s, a, b);
      pivot = b - 1 - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing) {
      if (partialInsertionSort(s, a, b)) return;
    }
    if (a > 0 && !s.less(a - 1, pivot)) {
      a = partitionEqual(s, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(s, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(s, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(s, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition<T>(s: Sorter<T>, a: number, b: number, pivot: number): [number, boolean] {
  s.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && s.less(i, a)) i++;
  while (i <= j && !s.less(j, a)) j--;
  if (i > j) {
    s.swap(j, a);
    return [j, true];
  }
  s.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && s.less(i, a)) i++;
    while (i <= j && !s.less(j, a)) j--;
    if (i > j) break;
    s.swap(i, j);
    i++;
    j--;
  }
  s.swap(j, a);
  return [j, false];
}

function partitionEqual<T>(s: Sorter<T>, a: number, b: number, pivot: number): number {
  s.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !s.less(a, i)) i++;
    while (i <= j && s.less(a, j)) j--;
    if (i > j) break;
    s.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort<T>(s: Sorter<T>, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !s.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    s.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!s.less(j, j - 1)) break;
        s.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!s.less(j, j - 1)) break;
        s.swap(j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns<T>(s: Sorter<T>, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  const mask = (1n << 64n) - 1n;
  let random = BigInt(length);
  const next = (): bigint => {
    random ^= (random << 13n) & mask;
    random ^= random >> 7n;
    random ^= (random << 17n) & mask;
    return random;
  };
  const modulus = 1n << BigInt(bitLength(length));
  const start = a + Math.floor(length / 4) * 2 - 1;
  for (let idx = start; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
    let other = Number(next() & (modulus - 1n));
    if (other >= length) other -= length;
    s.swap(idx, a + other);
  }
}

function choosePivot<T>(s: Sorter<T>, a: number, b: number): [number, Hint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(s, i - 1, i, i + 1, swaps);
      j = median(s, j - 1, j, j + 1, swaps);
      k = median(s, k - 1, k, k + 1, swaps);
    }
    j = median(s, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, Hint.Increasing];
  if (swaps.n === maxSwaps) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function order2<T>(s: Sorter<T>, a: number, b: number, swaps: { n: number }): [number, number] {
  if (s.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median<T>(s: Sorter<T>, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(s, a, b, swaps);
  [b, c] = order2(s, b, c, swaps);
  [a, b] = order2(s, a, b, swaps);
  void c;
  return b;
}

function reverseRange<T>(s: Sorter<T>, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    s.swap(i, j);
    i++;
    j--;
  }
}
