/// The procurement method of the trading vocabulary for an OCDS tender.
///
/// OCDS's `procurementMethod` is a closed codelist of four
/// (https://standard.open-contracting.org/1.1/en/schema/codelists/#method): `open`
/// (anyone may bid), `selective` (anyone may ask to qualify, the qualified bid),
/// `limited` (only suppliers the buyer chose may bid) and `direct` (one supplier the
/// buyer chose). Chinese law distinguishes more: `limited` covers 邀请招标 (招标投标法
/// art. 10), 竞争性谈判 and 询价 (政府采购法 art. 26) and 竞争性磋商 alike. Publishers
/// write the local name in `procurementMethodDetails`, so that field, when it is one
/// of the names below, decides; otherwise the code does:
///
/// | `procurementMethodDetails` | `procurementMethod` | `method` |
/// |---|---|---|
/// | 公开招标, 公开采购 | open | `open` |
/// | 邀请招标 | — | `invited` |
/// | 竞争性谈判 | — | `competitive_negotiation` |
/// | 竞争性磋商 | — | `competitive_consultation` |
/// | 询价, 询价采购 | — | `inquiry` |
/// | 单一来源, 单一来源采购 | direct | `single_source` |
/// | — | selective | `selective` |
/// | — | limited | `limited` |
enum OCDSMethod {
    /// The local names `procurementMethodDetails` is matched against, exactly.
    static let details: [String: String] = [
        "公开招标": "open", "公开采购": "open", "邀请招标": "invited", "竞争性谈判": "competitive_negotiation",
        "竞争性磋商": "competitive_consultation", "询价": "inquiry", "询价采购": "inquiry", "单一来源": "single_source",
        "单一来源采购": "single_source",
    ]

    /// The codes of the OCDS codelist, with the method each becomes.
    static let codes: [String: String] = ["open": "open", "selective": "selective", "limited": "limited", "direct": "single_source"]

    /// The method for a tender.
    ///
    /// - Parameters:
    ///   - code: `procurementMethod`.
    ///   - details: `procurementMethodDetails`.
    /// - Returns: The method, or `nil` when neither says (the code may be outside the
    ///   codelist: `unknownCode` tells the caller to warn).
    static func method(code: String?, details: String?) -> (method: String?, unknownCode: Bool) {
        if let details, let method = Self.details[details] { return (method, false) }
        guard let code else { return (nil, false) }
        guard let method = codes[code] else { return (nil, true) }
        return (method, false)
    }
}
