/// What a parsed number looked like, for type inference and reports.
struct NumberTraits {
    var fraction = false
    var grouping = false
    var currency = false
    /// An integer part such as "007" whose leading zero would be lost as a number.
    var leadingZero = false
    var exponent = false
}

/// Parses numbers straight from bytes: optional sign, currency symbol ($ € £ ¥, before or after),
/// thousands separators in groups of three, a decimal point or decimal comma, an exponent.
enum NumberParser {
    /// Exact powers of ten 10^0...10^22.
    static let powersOfTen: [Double] = {
        var p: [Double] = [1]
        for _ in 1...22 { p.append(p[p.count - 1] * 10) }
        return p
    }()

    /// The value of `base[start..<end]`, or nil when it is not a number in this style. Blank text is not a number.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool,
                      traits: inout NumberTraits) -> Double? {
        var i = start, e = end
        while i < e && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
        while e > i && (base[e - 1] == 0x20 || base[e - 1] == 0x09) { e -= 1 }
        if i == e { return nil }
        // Fast path: up to 15 plain digits with an optional part after a '.' (the common "123.45").
        if !decimalComma && e - i <= 16 {
            var j = i
            var mantissa: UInt64 = 0
            while j < e, base[j] &- 0x30 < 10 { mantissa = mantissa &* 10 &+ UInt64(base[j] &- 0x30); j += 1 }
            if j > i && !(base[i] == 0x30 && j - i > 1) {
                if j == e { return Double(mantissa) }
                if base[j] == 0x2E {
                    j += 1
                    let fractionStart = j
                    while j < e, base[j] &- 0x30 < 10 { mantissa = mantissa &* 10 &+ UInt64(base[j] &- 0x30); j += 1 }
                    if j == e && j > fractionStart {
                        traits.fraction = true
                        return Double(mantissa) / powersOfTen[j - fractionStart]
                    }
                }
            }
        }
        var negative = false
        if base[i] == 0x2D { negative = true; i += 1 }
        var negativeSeen = negative
        var currency = false
        while i < e {
            let c = base[i]
            if (c == 0x2D || c == 0x2B) && !negativeSeen {
                negativeSeen = true; negative = c == 0x2D; i += 1; continue
            }
            let n = currencyLength(base, i, e)
            if n > 0 && !currency {
                currency = true; i += n
                while i < e && base[i] == 0x20 { i += 1 }
                continue
            }
            break
        }
        if !currency {
            let n = currencySuffixLength(base, i, e)
            if n > 0 { currency = true; e -= n; while e > i && base[e - 1] == 0x20 { e -= 1 } }
        }
        if currency { traits.currency = true }
        let decimal: UInt8 = decimalComma ? 0x2C : 0x2E
        let group: UInt8 = decimalComma ? 0x2E : 0x2C
        var mantissa: UInt64 = 0
        var digits = 0
        var intDigits = 0
        var run = 0
        var grouped = false
        var j = i
        if j < e && base[j] == 0x30 && j + 1 < e && base[j + 1] &- 0x30 < 10 { traits.leadingZero = true }
        while j < e {
            let d = base[j] &- 0x30
            if d < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                digits += 1; intDigits += 1; run += 1; j += 1
                continue
            }
            if base[j] == group {
                if grouped { if run != 3 { return nil } } else if run < 1 || run > 3 { return nil }
                grouped = true; run = 0; j += 1
                continue
            }
            break
        }
        if grouped { if run != 3 { return nil }; traits.grouping = true }
        var fractionDigits = 0
        if j < e && base[j] == decimal {
            j += 1
            traits.fraction = true
            while j < e {
                let d = base[j] &- 0x30
                if d >= 10 { break }
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); fractionDigits += 1 }
                digits += 1; j += 1
            }
        }
        if intDigits == 0 && fractionDigits == 0 && digits == 0 { return nil }
        var exponent = 0
        var hasExponent = false
        if j < e && (base[j] | 0x20) == 0x65 {
            j += 1
            var expNegative = false
            if j < e && (base[j] == 0x2D || base[j] == 0x2B) { expNegative = base[j] == 0x2D; j += 1 }
            var expDigits = 0
            while j < e, base[j] &- 0x30 < 10 {
                if exponent < 10_000 { exponent = exponent * 10 + Int(base[j] &- 0x30) }
                expDigits += 1; j += 1
            }
            if expDigits == 0 { return nil }
            if expNegative { exponent = -exponent }
            hasExponent = true
            traits.exponent = true
        }
        if j != e { return nil }
        if digits <= 19 && mantissa < (1 << 53) && !hasExponent {
            var v = Double(mantissa)
            if fractionDigits > 0 { v /= powersOfTen[fractionDigits] }
            return negative ? -v : v
        }
        return slowParse(base, i, e, decimal: decimal, group: group, negative: negative)
    }

    /// Normalises the text (no separators, '.' as decimal point) and lets the standard library round it.
    private static func slowParse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, decimal: UInt8,
                                  group: UInt8, negative: Bool) -> Double? {
        var bytes: [UInt8] = negative ? [0x2D] : []
        for k in start..<end {
            let c = base[k]
            if c == group { continue }
            bytes.append(c == decimal ? 0x2E : c)
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Length of a currency symbol at `i` ($, €, £, ¥), or 0.
    @inline(__always)
    static func currencyLength(_ base: UnsafePointer<UInt8>, _ i: Int, _ e: Int) -> Int {
        let c = base[i]
        if c == 0x24 { return 1 }
        if c == 0xC2 && i + 1 < e && (base[i + 1] == 0xA3 || base[i + 1] == 0xA5) { return 2 }
        if c == 0xE2 && i + 2 < e && base[i + 1] == 0x82 && base[i + 2] == 0xAC { return 3 }
        return 0
    }

    /// Length of a currency symbol that ends at `e`, or 0.
    @inline(__always)
    static func currencySuffixLength(_ base: UnsafePointer<UInt8>, _ i: Int, _ e: Int) -> Int {
        if e - i >= 2 && base[e - 1] == 0x24 { return 1 }
        if e - i >= 3 && base[e - 2] == 0xC2 && (base[e - 1] == 0xA3 || base[e - 1] == 0xA5) { return 2 }
        if e - i >= 4 && base[e - 3] == 0xE2 && base[e - 2] == 0x82 && base[e - 1] == 0xAC { return 3 }
        return 0
    }

    /// Parses a Swift string (tests, inference on sampled text).
    static func parse(_ text: String, decimalComma: Bool, traits: inout NumberTraits) -> Double? {
        var copy = text
        return copy.withUTF8 { buffer -> Double? in
            guard let p = buffer.baseAddress else { return nil }
            return parse(p, 0, buffer.count, decimalComma: decimalComma, traits: &traits)
        }
    }
}
