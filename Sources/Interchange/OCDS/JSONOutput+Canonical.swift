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
        var i = 0
        if let base = utf8.baseAddress {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while i < utf8.count {
            defer { i += 1 }
            let byte = utf8[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart..<i])) }
            if byte < 0x20 { control = true }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                raw("u00")
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0x0F)])
            }
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
