/// Typed values read from text into JSON literals.
///
/// XES types its values with XML Schema datatypes (`xs:long`, `xs:double`,
/// `xs:boolean`), CSV cells are whatever the spreadsheet wrote; the log wants RFC 8259
/// JSON, whose number grammar is narrower (no `+`, no leading zeros, no `.5`, no
/// `INF` or `NaN`). These functions read the wider forms and write the JSON literal,
/// changing the text only where JSON requires it, so no digit is rounded away.
public enum ValueLiteral {
    /// Reads a whole number in `[+-]?[0-9]+` that fits in 64 bits (`xs:long`).
    ///
    /// - Parameter text: The value's bytes, nothing around them.
    /// - Returns: The JSON literal (`+007` → `7`, `-0` → `0`), or `nil`.
    public static func integer(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        var i = 0
        var negative = false
        if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < text.count else { return nil }
        var magnitude: UInt64 = 0
        while i < text.count {
            let digit = text[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            i += 1
        }
        guard magnitude <= (negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)) else { return nil }
        var literal = Array(String(magnitude).utf8)
        if negative && magnitude != 0 { literal.insert(UInt8(ascii: "-"), at: 0) }
        return literal
    }

    /// Reads a decimal number: `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`
    /// (`xs:double` without its `INF`, `-INF` and `NaN`, which JSON cannot hold).
    ///
    /// - Parameter text: The value's bytes, nothing around them.
    /// - Returns: The JSON literal: `+` dropped, leading zeros of the whole part dropped
    ///   (`007.50` → `7.50`), `0` put before a bare fraction (`.5` → `0.5`), a dot with no
    ///   digits after it dropped (`5.` → `5`); every digit kept. `nil` when the text is
    ///   not such a number.
    public static func decimal(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        var i = 0
        var output: [UInt8] = []
        output.reserveCapacity(text.count + 1)
        if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
            if text[i] == UInt8(ascii: "-") { output.append(UInt8(ascii: "-")) }
            i += 1
        }
        let wholeStart = i
        while i < text.count, text[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        var whole = UnsafeRawBufferPointer(rebasing: text[wholeStart..<i])
        while whole.count > 1, whole[0] == UInt8(ascii: "0") { whole = UnsafeRawBufferPointer(rebasing: whole.dropFirst()) }
        var fraction = UnsafeRawBufferPointer(rebasing: text[i..<i])
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < text.count, text[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            fraction = UnsafeRawBufferPointer(rebasing: text[fractionStart..<i])
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        if whole.isEmpty { output.append(UInt8(ascii: "0")) } else { output.append(contentsOf: whole) }
        if !fraction.isEmpty {
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: fraction)
        }
        if i < text.count, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            output.append(text[i])
            i += 1
            if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
                output.append(text[i])
                i += 1
            }
            let exponentStart = i
            while i < text.count, text[i] &- UInt8(ascii: "0") < 10 {
                output.append(text[i])
                i += 1
            }
            guard i > exponentStart else { return nil }
        }
        guard i == text.count else { return nil }
        if output == [UInt8(ascii: "-"), UInt8(ascii: "0")] { return [UInt8(ascii: "0")] }
        return output
    }

    /// Reads a truth value.
    ///
    /// - Parameter text: The value's bytes.
    /// - Returns: `true` for `true`, `1`, `yes`, `y`, `是`; `false` for `false`, `0`,
    ///   `no`, `n`, `否` (ASCII letters in any case; `xs:boolean` has only
    ///   `true false 1 0`, spreadsheets write the rest); `nil` for anything else.
    public static func boolean(_ text: UnsafeRawBufferPointer) -> Bool? {
        guard text.count <= 5 else { return nil }
        let lowered = String(decoding: text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        switch lowered {
        case "true", "1", "yes", "y", "是": return true
        case "false", "0", "no", "n", "否": return false
        default: return nil
        }
    }
}
