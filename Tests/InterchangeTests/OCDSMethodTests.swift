import Testing

@testable import Interchange

/// OCDS's method codelist (https://standard.open-contracting.org/1.1/en/schema/codelists/#method)
/// and the Chinese methods of 招标投标法 art. 10 and 政府采购法 art. 26.
@Suite("OCDSMethod")
struct OCDSMethodTests {
    @Test(
        "procurementMethodDetails names the Chinese method; otherwise the OCDS code decides",
        arguments: [
            ("open", "公开招标", "open"), ("limited", "邀请招标", "invited"), ("limited", "竞争性谈判", "competitive_negotiation"),
            ("limited", "竞争性磋商", "competitive_consultation"), ("limited", "询价", "inquiry"), ("limited", "询价采购", "inquiry"),
            ("direct", "单一来源采购", "single_source"), ("open", nil, "open"), ("selective", nil, "selective"),
            ("limited", nil, "limited"), ("direct", nil, "single_source"), ("limited", "Invitación restringida", "limited"),
            (nil, "邀请招标", "invited"),
        ] as [(String?, String?, String)])
    func mapped(code: String?, details: String?, method: String) {
        let result = OCDSMethod.method(code: code, details: details)
        #expect(result.method == method)
        #expect(result.unknownCode == false)
    }

    @Test("a code outside the closed codelist gives no method and asks for a warning; no code gives none silently")
    func unknown() {
        #expect(OCDSMethod.method(code: "negotiated", details: nil) == (nil, true))
        #expect(OCDSMethod.method(code: nil, details: nil) == (nil, false))
        #expect(OCDSMethod.method(code: nil, details: "其他") == (nil, false))
    }
}
