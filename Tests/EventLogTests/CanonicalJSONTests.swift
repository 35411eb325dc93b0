import Testing

@testable import EventLog

/// Canonical bytes of JSON text through the tree (parse, then serialise).
private func viaTree(_ text: String) throws -> [UInt8] {
    CanonicalJSON.bytes(of: try JSONParser.parse(text))
}

/// Canonical bytes of JSON text written while parsing, without a tree.
private func direct(_ text: String) throws -> [UInt8] {
    try CanonicalJSON.canonicalize(Array(text.utf8))
}

/// Both paths must agree; returns their common answer.
private func canonical(_ text: String) throws -> [UInt8] {
    let tree = try viaTree(text)
    #expect(try direct(text) == tree, "tree and direct canonical forms differ")
    return tree
}

private let corpus: [String] = [
    #"{"id":"JGJ-1","data":{"kind":"criminal","amount":1250.50,"tags":["a","b"]},"at":"2026-11-02T09:15:00+08:00"}"#,
    #"{"b":{"z":1,"y":{"q":1,"p":2}},"a":[{"d":1,"c":2}]}"#,
    #"{"b":{"\u007a":1,"\u0079":2},"\u0061":{"x\n":1,"x":2}}"#,
    #"[1.50, 1e3, -0, 1E+2, 0.000, true, false, null, "", {}, []]"#,
    #"{"\ud83d\ude00":1,"\uff21":2,"中":3,"z":4}"#,
    #""\u0000\u001F\u007f\u2028\/\"\\ 中文""#,
    #"{"k0":0,"k9":9,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1,"#
        + #""k19":19,"k18":18,"k17":17,"k16":16,"k15":15,"k14":14,"k13":13,"k12":12,"k11":11,"k10":10}"#,
    "  {\n\t\"spaced\" :\r\n [ 1 , 2 ] }  ",
    #"[[[[{"deep":[{"b":1,"a":2}]}]]]]"#,
]

@Suite("CanonicalJSON")
struct CanonicalJSONTests {
    @Test("sorts keys by UTF-8 bytes, Chinese included")
    func sortsKeys() throws {
        #expect(try canonical(#"{"中文":1,"b":2,"A":3,"é":4,"a":5}"#) == Array(#"{"A":3,"a":5,"b":2,"é":4,"中文":1}"#.utf8))
    }

    @Test("orders U+FF21 before an astral character, unlike RFC 8785's UTF-16 order")
    func byteOrderVersusUTF16() throws {
        // UTF-16 would give 中 (4E2D) < 😀 (D83D) < Ａ (FF21); UTF-8 bytes give E4 < EF < F0.
        #expect(try canonical(#"{"😀":1,"Ａ":2,"中":3}"#) == Array(#"{"中":3,"Ａ":2,"😀":1}"#.utf8))
    }

    @Test("sorts by decoded keys, not by their escapes")
    func sortsDecodedKeys() throws {
        // "\n" (0x0A) sorts before "!" (0x21) although its escape starts with '\' (0x5C).
        #expect(try canonical(#"{"!":2,"\n":1}"#) == Array(#"{"\n":1,"!":2}"#.utf8))
        #expect(try canonical(#"{"b":1,"\u0061":2}"#) == Array(#"{"a":2,"b":1}"#.utf8))
    }

    @Test("removes insignificant white space and sorts nested objects")
    func nested() throws {
        #expect(
            try canonical(#" { "b" : { "z" : 1 , "y" : { "q" : 1 , "p" : 2 } } , "a" : [ { "d" : 1 , "c" : 2 } , [ ] , { } ] } "#)
                == Array(#"{"a":[{"c":2,"d":1},[],{}],"b":{"y":{"p":2,"q":1},"z":1}}"#.utf8))
    }

    @Test("keeps numbers exactly as written")
    func numbers() throws {
        #expect(try canonical("[1.50,1e3,-0,1E+2,0.000,-12.5e-7]") == Array("[1.50,1e3,-0,1E+2,0.000,-12.5e-7]".utf8))
    }

    @Test("escapes every control character, short forms where JSON has them")
    func controlCharacters() throws {
        let input =
            "\""
            + (0..<32).map {
                "\\u" + String(repeating: "0", count: 4 - String($0, radix: 16).count) + String($0, radix: 16, uppercase: true)
            }.joined() + "\""
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
        #expect(try canonical(input) == Array(expected.utf8))
    }

    @Test("escapes quote and backslash, writes everything else raw")
    func otherCharacters() throws {
        #expect(try canonical(#""\"\\\/""#) == Array(#""\"\\/""#.utf8))
        #expect(try canonical(#""\u4e2d\u6587""#) == Array("\"中文\"".utf8))
        #expect(try canonical(#""\uD83D\uDE00""#) == [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])
        #expect(try canonical(#""\u007f\u2028\u2029\u00e9""#) == Array("\"\u{7F}\u{2028}\u{2029}é\"".utf8))
        #expect(try canonical("\"中文 /\u{7F}\"") == Array("\"中文 /\u{7F}\"".utf8))
    }

    @Test("writes literals and empty containers")
    func literals() throws {
        #expect(try canonical("[ true , false , null , \"\" , { } , [ ] ]") == Array(#"[true,false,null,"",{},[]]"#.utf8))
        #expect(try canonical(" null ") == Array("null".utf8))
    }

    @Test("gives the same bytes when applied to its own output", arguments: corpus)
    func idempotent(text: String) throws {
        let once = try canonical(text)
        let twice = try canonical(String(decoding: once, as: UTF8.self))
        #expect(twice == once)
    }

    @Test("builds objects from members in any order")
    func objectFromMembers() {
        let object = JSONObject(uniqueKeysWithValues: [("b", .null), ("a", .string("x"))])
        #expect(CanonicalJSON.bytes(of: .object(object)) == Array(#"{"a":"x","b":null}"#.utf8))
    }

    @Test(
        "rejects what the parser rejects, with the same error",
        arguments: [
            #"{"a":1,"a":2}"#, #"{"\u0061":1,"a":2}"#, #"{"x":{"k":1,"k":2}}"#, "[1,]", "01", #""\uD800""#,
            #"{"b":1,"a":2,"b":3}"#,
        ])
    func sameErrors(text: String) {
        var treeError: JSONParseError?
        var directError: JSONParseError?
        do { _ = try viaTree(text) } catch { treeError = error as? JSONParseError }
        do { _ = try direct(text) } catch { directError = error as? JSONParseError }
        #expect(treeError != nil)
        #expect(directError == treeError)
    }
}
