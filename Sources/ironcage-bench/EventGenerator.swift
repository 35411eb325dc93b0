import EventLog

/// Deterministic, realistic envelopes of about 300 bytes: several departments, a dozen
/// event types, Chinese text, about six events per subject.
struct EventGenerator {
    private var state: UInt64 = 0x1C0F_FEE5_EED5_2026

    static let departments = ["gy.jgj", "gy.zwfw", "gy.ggzy", "gy.czj", "gy.sjj", "gy.rsj", "gy.zjj", "gy.hbj"]
    static let types = [
        "case.reported", "case.accepted", "case.filed", "case.closed", "application.received", "application.accepted",
        "application.approved", "penalty.decided", "bid.submitted", "payment.requested", "payment.approved", "record.accessed",
    ]
    static let summaries = [
        "酒后驾驶机动车，现场查获", "申请食品经营许可证新办", "公共资源交易项目投标文件递交", "城乡低保资金发放",
        "违反道路交通信号灯通行", "建设工程施工许可审查", "政府采购货物类询价项目", "群众来电反映噪音扰民",
    ]
    static let places = ["云岩区中华北路", "南明区遵义路", "观山湖区长岭北路", "花溪区花溪大道", "白云区云峰大道", "乌当区新添大道"]

    /// SplitMix64 (Steele, Lea, Flood 2014): fast, deterministic, good enough for test data.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// The row of event number `index` (from 0): fields for the CSV baseline and the NDJSON line.
    mutating func event(_ index: Int, total: Int) -> (dept: String, id: String, type: String, at: String, subject: String, actor: String, line: String) {
        let dept = Self.departments[index % Self.departments.count]
        let id = "EV-2026-" + String(index + 1)
        let type = pick(Self.types)
        // Spread over September–November 2026, in order.
        let seconds = 1_788_192_000 + Int64(index) * Int64(7_776_000) / Int64(max(total, 1))
        let at = Self.timestamp(seconds)
        let subject = "case:2026-" + String(Int(next() % UInt64(max(total / 6, 1))))
        let actor = "officer:" + String(next() % 900 + 100)
        let amount = String(next() % 2_000_000) + "." + String(next() % 90 + 10)
        let extra = typeFields(type)
        let data = #"{"amount":\#(amount),\#(extra)"location":"\#(pick(Self.places))","reporter":"person:5201\#(next() % 1_000_000_000)","summary":"\#(pick(Self.summaries))"}"#
        let line = #"{"id":"\#(id)","type":"\#(type)","at":"\#(at)","dept":"\#(dept)","actor":"\#(actor)","subject":"\#(subject)","data":\#(data)}"#
        return (dept, id, type, at, subject, actor, line)
    }

    /// The members `type`'s schema requires (Rules/schemas), so that ingest's payload check
    /// passes and is measured; `amount` is always there.
    private mutating func typeFields(_ type: String) -> String {
        let org = "org:915201" + String(next() % 100_000_000)
        switch type {
        case "case.reported", "case.accepted": return #""kind":"\#(next() % 4 == 0 ? "criminal" : "administrative")","#
        case "application.received": return #""applicant":"\#(org)","item":"食品经营许可","#
        case "penalty.decided": return #""act":"闯红灯","code":"1625","party":"person:5201\#(next() % 1_000_000_000)","#
        case "bid.submitted": return #""bidder":"\#(org)","currency":"CNY","#
        case "payment.requested", "payment.approved": return #""payee":"\#(org)","#
        default: return ""
        }
    }

    /// RFC 3339 in Beijing time for a Unix time.
    static func timestamp(_ unix: Int64) -> String {
        Instant(millisecondsSinceEpoch: unix * 1000).string(offsetSeconds: 8 * 3600)
    }
}
