import EventLog

/// JSON text written byte by byte, for envelope lines built from imported records.
///
/// Importers write each envelope as one JSON object in whatever key order is handy
/// and then hand the line to ``EventLog/Envelope/parse(line:)-([UInt8])``, which
/// checks it exactly as ingest will and gives its canonical bytes. So this writer only
/// has to produce valid JSON: strings are escaped as RFC 8259 §7 requires (`"`, `\`
/// and U+0000–U+001F), everything else is copied as it is.
struct JSONOutput {
    /// The text so far.
    var bytes: [UInt8] = []

    /// Creates an empty writer with room for a typical envelope.
    init() {
        bytes.reserveCapacity(1024)
    }

    /// Forgets the text, keeping the storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends ASCII punctuation or a literal such as `true`.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes that are already JSON (a number literal, a nested value).
    mutating func raw(_ text: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: text)
    }

    /// Appends bytes that are already JSON.
    mutating func raw(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends a string value, quoted and escaped.
    ///
    /// - Parameter utf8: The string's bytes. They are copied as they are; ill-formed
    ///   UTF-8 is left for the envelope check to find and report.
    mutating func string(_ utf8: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<utf8.count {
            let byte = utf8[i]
            guard JSONLexis.needsEscape(byte) else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart..<i])) }
            JSONLexis.appendEscape(byte, to: &bytes)
            runStart = i + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string value, quoted and escaped.
    mutating func string(_ text: [UInt8]) {
        text.withUnsafeBytes { string($0) }
    }

    /// Appends a string value, quoted and escaped.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `"key":`.
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    /// Appends `"key":` for a key read from input.
    mutating func key(_ name: UnsafeRawBufferPointer) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends `"key":` for a key read from input.
    mutating func key(_ name: [UInt8]) {
        name.withUnsafeBytes { key($0) }
    }

    /// Appends `"key":` for a key read from input.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }
}
