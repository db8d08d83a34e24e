/**
 * Compares strings in natural order: runs of digits compare as numbers, so "pod-9" comes before
 * "pod-10". Hand-written rather than `Intl.Collator({numeric: true})` because sorting 100,000
 * rows makes about 1.7 million comparisons, and plain character codes are several times faster;
 * Kubernetes names are lowercase ASCII, so locale rules would change nothing.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const startA = i;
      const startB = j;
      while (i < a.length && a.charCodeAt(i) === 48) i++;
      while (j < b.length && b.charCodeAt(j) === 48) j++;
      const digitsA = i;
      const digitsB = j;
      while (i < a.length && isDigit(a.charCodeAt(i))) i++;
      while (j < b.length && isDigit(b.charCodeAt(j))) j++;
      const lengthA = i - digitsA;
      const lengthB = j - digitsB;
      if (lengthA !== lengthB) {
        return lengthA - lengthB;
      }
      for (let k = 0; k < lengthA; k++) {
        const d = a.charCodeAt(digitsA + k) - b.charCodeAt(digitsB + k);
        if (d !== 0) {
          return d;
        }
      }
      // Equal numbers: fewer leading zeros first, so the order stays total.
      const zeros = digitsA - startA - (digitsB - startB);
      if (zeros !== 0) {
        return zeros;
      }
      continue;
    }
    if (ca !== cb) {
      return ca - cb;
    }
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
