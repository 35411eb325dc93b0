/// Realistic department activity for the audit benchmark: case, licensing, service,
/// procurement, payment and subsidy lifecycles in the vocabulary of `Rules/schemas/`,
/// mostly on time, some late, spread over 2026 (inside the work calendar's years).
struct AuditWorkload {
    private var state: UInt64 = 0x5EED_0A0D_17CA_6E00
    private var serial = 0

    init() {}

    /// A generator that carries on where one at `position` stopped: the same events after it,
    /// and no id used twice.
    init(position: Position) {
        state = position.state
        serial = position.serial
    }

    /// Where a generator stands.
    struct Position: Equatable {
        var state: UInt64
        var serial: Int
    }

    var position: Position { Position(state: state, serial: serial) }

    /// SplitMix64 (Steele, Lea, Flood 2014).
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// One lifecycle's events (3–8 lines), starting at `start` (Unix seconds), as NDJSON
    /// lines with their Unix times.
    mutating func lifecycle(start: Int64) -> [(unix: Int64, line: String)] {
        serial += 1
        let n = serial
        let actor = "officer:\(1000 + below(400))"
        var t = start
        var out: [(Int64, String)] = []
        func add(_ dept: String, _ type: String, _ subject: String, _ data: String, actor: String? = actor) {
            let id = "\(dept.uppercased())-\(n)-\(out.count)"
            let actorPart = actor.map { #","actor":"\#($0)""# } ?? ""
            out.append((t, #"{"id":"\#(id)","type":"\#(type)","at":"\#(EventGenerator.timestamp(t))","dept":"\#(dept)"\#(actorPart),"subject":"\#(subject)","data":\#(data)}"#))
        }
        func wait(hours: Int) { t += Int64(hours) * 3600 + Int64(below(3600)) }
        switch below(10) {
        case 0, 1:
            let subject = "case:B\(n)"
            let kind = below(3) == 0 ? "criminal" : "administrative"
            add("gy.jgj", "case.reported", subject, #"{"kind":"\#(kind)","summary":"群众报警称发生纠纷","reporter":"person:52\#(below(100_000_000))"}"#)
            wait(hours: below(20) == 0 ? 30 : 2)
            add("gy.jgj", "case.accepted", subject, #"{"kind":"\#(kind)"}"#)
            wait(hours: 24 * (below(10) == 0 ? 5 : 2))
            add("gy.jgj", kind == "criminal" ? "case.filed" : "case.closed", subject, "{}")
        case 2, 3:
            let subject = "app:B\(n)"
            let holder = "org:9152\(below(1_000_000))"
            add("gy.zwfw", "application.received", subject, #"{"item":"食品经营许可","applicant":"\#(holder)"}"#)
            wait(hours: 20)
            add("gy.zwfw", "application.accepted", subject, "{}")
            wait(hours: 48)
            add("gy.zwfw", "step.started", subject, #"{"step":"审查","limit_workdays":5}"#)
            wait(hours: 24 * (below(12) == 0 ? 20 : 4))
            add("gy.zwfw", "step.completed", subject, #"{"step":"审查"}"#)
            add("gy.zwfw", "prerequisite.passed", "pre:B\(n)", #"{"holder":"\#(holder)","ref":"SC\#(n)"}"#)
            wait(hours: 24)
            add("gy.zwfw", "application.approved", subject, "{}")
            add("gy.zwfw", "permit.issued", subject, #"{"holder":"\#(holder)","prerequisite":"SC\#(n)"}"#)
        case 4:
            let subject = "penalty:B\(n)"
            add("gy.jgj", "penalty.decided", subject, #"{"party":"person:52\#(below(100_000_000))","act":"违反规定停放","code":"1039","amount":150}"#)
            if below(30) == 0 {
                wait(hours: 30)
                add("gy.jgj", "penalty.revoked", subject, #"{"reason":"当事人申辩成立"}"#, actor: "officer:0901")
            }
            add("gy.jgj", "record.accessed", "person:52\(below(100_000_000))", #"{"purpose":"核查","case":"\#(subject)"}"#)
        case 5:
            let subject = "svc:B\(n)"
            let score = 1 + below(5)
            add("gy.zwfw", "rating.submitted", subject, #"{"score":\#(score),"channel":"窗口"}"#, actor: nil)
            if score <= 2 {
                wait(hours: 24 * 3)
                add("gy.zwfw", "rating.rectified", subject, "{}")
            }
            add("gy.zwfw", "hotline.received", "svc:H\(n)", #"{"category":"query","summary":"咨询办理流程"}"#, actor: "clerk:12345")
            wait(hours: 24)
            add("gy.zwfw", "hotline.answered", "svc:H\(n)", "{}", actor: "clerk:12345")
        case 6, 7:
            let subject = "pay:B\(n)"
            add("gy.czj", "subsidy.paid", subject, #"{"recipient":"person:52\#(below(100_000_000))","scheme":"城乡低保","period":"2026-\#(String(format2(1 + below(11))))","amount":\#(600 + below(400))}"#, actor: nil)
            add("gy.czj", "payment.requested", "pay:Q\(n)", #"{"amount":\#(1000 + below(90_000))}"#)
            wait(hours: 30)
            add("gy.czj", "payment.approved", "pay:Q\(n)", #"{"amount":\#(1000 + below(90_000))}"#, actor: "officer:2\(below(100))")
        case 8:
            let subject = "proc:B\(n)"
            let methods = ["inquiry", "competitive_negotiation", "open_tender", "single_source"]
            add("gy.czj", "procurement.awarded", subject, #"{"method":"\#(methods[below(4)])","amount":\#(50_000 + below(900_000)),"supplier":"org:9152\#(below(3000))","budget_item":"20\#(below(400))","category":"计算机设备"}"#)
        default:
            add("gy.mzj", "registry.person_died", "person:52\(below(100_000_000))", #"{"date":"\#(EventGenerator.timestamp(t).prefix(10))"}"#)
            add("gy.jgj", "record.accessed", "person:52\(below(100_000_000))", #"{"purpose":"核查","case":"case:B\#(n)"}"#)
        }
        return out
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
