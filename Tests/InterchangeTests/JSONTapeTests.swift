import EventLog
import Foundation
import Testing

@testable import Interchange

/// The tape reads exactly what ``JSONParser`` reads (RFC 8259 and IronCage's rules:
/// well-formed UTF-8, unique keys, paired surrogates, depth 64), and gives the same values.
@Suite("JSONTape")
struct JSONTapeTests {
    /// The tape's reading of a text as a tree, or its error.
    static func read(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
        var tape = JSONTape()
        return bytes.withUnsafeBytes { text in
            do throws(JSONParseError) {
                try tape.parse(text)
                return .success(tree(tape, JSONTape.root))
            } catch {
                return .failure(error)
            }
        }
    }

    static func tree(_ tape: JSONTape, _ node: Int) -> JSONValue {
        switch tape.kind(node) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(literal: tape.string(node))
        case .string: return .string(tape.string(node))
        case .array: return .array(tape.elements(node).map { tree(tape, $0) })
        case .object:
            var members: [(key: String, value: JSONValue)] = []
            var index = node + 1
            for _ in 0..<tape.nodes[node].count {
                members.append((tape.string(index), tree(tape, index + 1)))
                index = tape.nodes[index + 1].next
            }
            return .object(JSONObject(uniqueKeysWithValues: members))
        }
    }

    static func parser(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
        do throws(JSONParseError) {
            return .success(try JSONParser.parse(bytes))
        } catch {
            return .failure(error)
        }
    }

    @Test(
        "reads valid texts to the same values as JSONParser",
        arguments: [
            "0", "-0", "1.50", "1e3", "-0.0e+0", "123456789012345678901234567890", "true", "false", "null", #""""#, "[]", "{}",
            #" { "a" : [ 1 , { "b" : null } , "c" ] , "d" : true } "#, #""\"\\\/\b\f\n\r\t\u0041\u4e2d\uD83D\uDE00""#,
            #"{"中":1,"b":2,"a":3,"B":4,"aa":5}"#, #"{"\u0061b":1,"ab\u0063":2}"#, "[[[[[[]]]]]]",
            String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        ])
    func values(text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.read(bytes) == Self.parser(bytes))
    }

    @Test(
        "refuses what JSONParser refuses, for the same reason at the same byte",
        arguments: [
            "", "   ", #"{"a":1,}"#, "[1,2,]", #"{"a":1 "b":2}"#, "[1 2]", #"{"a" 1}"#, "{a:1}", "{'a':1}", #"{"a":1"#, "[1,",
            "// c\n1", "[1] /* c */", "NaN", "[Infinity]", "+1", "01", "[-012]", "-", "-a", "1.", "[1.e5]", "[.5]", "[1e]",
            "[1e+]", "tru", "[nul]", "True", "1 2", #"{"a":"b"}}"#, #"["abc"#, #"["a\"#, "[\"a\tb\"]", "\"a\nb\"", #""\x""#,
            #""\'""#, #""\u12G4""#, #""\u12""#, #""\uD800""#, #""ab\uDC00""#, #""\uD800\u0041""#, #""\uD800\uD800""#,
            #""\uD800\uZZZZ""#, #""\uD800x""#, #"{"a":1,"b":2,"a":3}"#, #"{"x":{"k":1,"k":2}}"#, #"{"a":1,"b":1,"b":2,"a":2}"#,
            #"{"\u0061":1,"a":2}"#, String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
            String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65),
        ])
    func errors(text: String) throws {
        let bytes = Array(text.utf8)
        let expected = Self.parser(bytes)
        guard case .failure = expected else {
            Issue.record("JSONParser accepts \(text)")
            return
        }
        #expect(Self.read(bytes) == expected)
    }

    @Test("finds a key twice in objects of every size, escaped or not, at its second occurrence")
    func duplicateKeys() {
        for members in [2, 8, 9, 20, 100] {
            for (later, earlier) in [(members - 1, 0), (members - 1, members - 2), (members / 2, 1)] where later > earlier {
                var keys = (0..<members).map { "\"key\($0)\"" }
                keys[later] = keys[earlier]
                let plain = "{" + keys.map { $0 + ":0" }.joined(separator: ",") + "}"
                let escaped = plain.replacingOccurrences(of: "\"key\(earlier)\"", with: "\"\\u006bey\(earlier)\"")
                for text in [plain, escaped] {
                    let bytes = Array(text.utf8)
                    #expect(Self.read(bytes) == Self.parser(bytes), "\(members) members, key \(earlier) again at \(later)")
                }
            }
            let unique = Array(("{" + (0..<members).map { "\"key\($0)\":0" }.joined(separator: ",") + "}").utf8)
            #expect(Self.read(unique) == Self.parser(unique))
        }
    }

    @Test("refuses ill-formed UTF-8, in strings at its first byte; elsewhere it breaks the grammar, and JSONParser names it")
    func utf8() {
        for bytes: [UInt8] in [[0x22, 0xC0, 0x80, 0x22], [0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE4, 0xB8, 0x22], [0x5B, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x5D]] {
            #expect(Self.read(bytes) == Self.parser(bytes))
        }
        for bytes: [UInt8] in [[0x22, 0xE4, 0xB8], [0x5B, 0x31, 0x2C, 0x5D, 0xFE], [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], [0x5B, 0xE4, 0xB8, 0xAD, 0x5D]] {
            guard case .failure(let error) = Self.read(bytes) else {
                Issue.record("the tape accepts \(bytes)")
                continue
            }
            #expect(bytes.withUnsafeBytes { OCDSBatchWorker.parseError($0, error) } == Self.parser(bytes).failure)
        }
    }

    @Test("reads random documents as JSONParser does: nesting, escapes, Chinese text, numbers, a key twice now and then")
    func random() {
        var state: UInt64 = 0x7A9E_2026
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let pieces = ["a", "中文", "\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "x y", "\\/", "ocid", "\\u0000"]
        func string() -> String { "\"" + (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined() + "\"" }
        func value(_ depth: Int) -> String {
            switch next(depth > 4 ? 5 : 7) {
            case 0: return ["0", "-1.5e3", "42", "3.14159", "1E+2"][next(5)]
            case 1: return ["true", "false", "null"][next(3)]
            case 2, 3, 4: return string()
            case 5: return "[" + (0..<next(4)).map { _ in value(depth + 1) }.joined(separator: " , ") + "]"
            default:
                let keys = (0..<next(5)).map { _ in string() }
                return "{" + keys.map { $0 + ":" + value(depth + 1) }.joined(separator: ",") + "}"
            }
        }
        var refused = 0
        for _ in 0..<2_000 {
            let bytes = Array(value(0).utf8)
            let expected = Self.parser(bytes)
            if case .failure = expected { refused += 1 }
            #expect(Self.read(bytes) == expected)
        }
        #expect(refused > 0)
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
