import EventLog

/// Strings in canonical form, so that envelope lines can be written canonical directly.
extension JSONOutput {
    /// Appends a string value, quoted, with the escapes of IronCage's canonical JSON
    /// (``EventLog/CanonicalJSON``): `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and
    /// `\u00xx` (lower-case hex) for the other bytes below 0x20; every other byte as it is.
    ///
    /// - Parameter utf8: Well-formed UTF-8.
    /// - Returns: Whether it has a control character (below 0x20).
    @discardableResult
    mutating func canonicalString(_ utf8: UnsafeRawBufferPointer) -> Bool {
        bytes.append(UInt8(ascii: "\""))
        var control = false
        var runStart = 0
        var i = JSONLexis.skipPlainWords(in: utf8, from: 0)
        while i < utf8.count {
            defer { i += 1 }
            let byte = utf8[i]
            guard JSONLexis.needsEscape(byte) else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart..<i])) }
            if byte < 0x20 { control = true }
            JSONLexis.appendEscape(byte, to: &bytes)
            runStart = i + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
        return control
    }

    /// Appends a string value in canonical form.
    mutating func canonicalString(_ text: String) {
        var text = text
        text.withUTF8 { _ = canonicalString(UnsafeRawBufferPointer($0)) }
    }

    /// Appends an envelope field's string value in canonical form, and says what the
    /// envelope would refuse in it: more than ``EventLog/Envelope/maximumFieldLength``
    /// bytes, or a control character.
    mutating func canonicalField(_ text: String) -> EnvelopeRejection.Reason? {
        var text = text
        return text.withUTF8 { utf8 in
            let control = canonicalString(UnsafeRawBufferPointer(utf8))
            if utf8.count > Envelope.maximumFieldLength { return .tooLong(limit: Envelope.maximumFieldLength) }
            return control ? .controlCharacter : nil
        }
    }
}
