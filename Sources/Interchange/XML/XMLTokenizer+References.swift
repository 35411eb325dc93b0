/// Entity and character references, and the normalisation of line ends and
/// attribute white space (XML 1.0 §2.11, §3.3.3, §4.1, §4.6).
extension XMLTokenizer {
    /// Decodes raw text or an attribute value into the scratch buffer.
    ///
    /// - Parameters:
    ///   - raw: The bytes as written.
    ///   - normalizingWhiteSpace: For attribute values: a literal tab, line feed, carriage
    ///     return or CR LF becomes one space. Otherwise CR LF and a lone CR become a line feed.
    ///   - references: Whether `&` starts a reference (not inside CDATA).
    /// - Returns: Where the decoded bytes are in ``scratch``. Decoding never makes text
    ///   longer, so `raw.count` bytes are reserved up front.
    /// - Throws: ``XMLError`` for an unknown entity or a bad character reference.
    func decode(_ raw: UnsafeRawBufferPointer, normalizingWhiteSpace: Bool, references: Bool = true) throws -> Range<Int> {
        reserveScratch(raw.count)
        let first = scratchCount
        var out = scratchCount
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            switch byte {
            case 0x0D:
                scratch[out] = normalizingWhiteSpace ? 0x20 : 0x0A
                if i + 1 < raw.count, raw[i + 1] == 0x0A { i += 1 }
                i += 1
                out += 1
            case 0x09 where normalizingWhiteSpace, 0x0A where normalizingWhiteSpace:
                scratch[out] = 0x20
                i += 1
                out += 1
            case UInt8(ascii: "&") where references:
                guard let semicolon = raw[(i + 1)...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                    throw error(.malformed("'&' that starts no reference (write &amp;)"))
                }
                let reference = UnsafeRawBufferPointer(rebasing: raw[(i + 1)..<semicolon])
                out = try appendReference(reference, at: out)
                i = semicolon + 1
            default:
                scratch[out] = byte
                i += 1
                out += 1
            }
        }
        scratchCount = out
        return first..<out
    }

    /// Writes the character a reference stands for.
    ///
    /// - Parameters:
    ///   - reference: The text between `&` and `;`.
    ///   - out: Where to write in ``scratch``.
    /// - Returns: The position after what was written.
    private func appendReference(_ reference: UnsafeRawBufferPointer, at out: Int) throws -> Int {
        let predefined: UInt8? =
            switch String(decoding: reference, as: UTF8.self) {
            case "lt": UInt8(ascii: "<")
            case "gt": UInt8(ascii: ">")
            case "amp": UInt8(ascii: "&")
            case "quot": UInt8(ascii: "\"")
            case "apos": UInt8(ascii: "'")
            default: nil
            }
        if let predefined {
            scratch[out] = predefined
            return out + 1
        }
        guard reference.first == UInt8(ascii: "#") else {
            throw error(.unknownEntity(String(decoding: reference, as: UTF8.self)))
        }
        let hex = reference.count > 1 && reference[1] == UInt8(ascii: "x")
        let digits = UnsafeRawBufferPointer(rebasing: reference[(hex ? 2 : 1)...])
        guard !digits.isEmpty, digits.count <= 8, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
            digits.allSatisfy({ hex ? $0.isHexDigit : ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }),
            Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value)
        else { throw error(.badCharacterReference) }
        var position = out
        for unit in UTF8.encode(scalar) ?? UTF8.EncodedScalar() {
            scratch[position] = unit
            position += 1
        }
        return position
    }

    /// XML 1.0 §2.2 `Char`: tab, line feed, carriage return, U+0020–U+D7FF,
    /// U+E000–U+FFFD, U+10000–U+10FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

extension UInt8 {
    /// Whether this is an ASCII hexadecimal digit.
    fileprivate var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f"))
    }
}
