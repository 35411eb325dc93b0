import EventLog

extension DeadlineEvaluator {
    /// The roles a clock's opening and closing play; the other roles never open or close one.
    static let spanRoles = [Role.start.rawValue, Role.stop.rawValue]

    /// The runs of the clock for one key.
    ///
    /// Pairs starts and stops as `findings(key:facts:calendar:)` does: in chronological order,
    /// a start opens a clock when none is running, a stop closes the running one; pauses,
    /// restarts and extensions move the due instant but never open or close a clock.
    ///
    /// - Parameter stubs: the key's start and stop facts, in any order; starts with their payload.
    /// - Complexity: O(*n* log *n*) for *n* facts.
    func spans(key: String, stubs: [ProjectionStore.FactStub]) -> [ClockSpan] {
        var spans: [ClockSpan] = []
        var open: ProjectionStore.FactStub?
        func span(_ start: ProjectionStore.FactStub, stop: ProjectionStore.FactStub?) -> ClockSpan {
            ClockSpan(
                rule: rule.id, key: key, dept: Fact.dept(inPayload: start.payload) ?? "", startSeq: start.seq,
                start: Instant(millisecondsSinceEpoch: start.at), stopSeq: stop?.seq, stop: stop.map { Instant(millisecondsSinceEpoch: $0.at) })
        }
        for stub in stubs.sorted(by: { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }) {
            switch Role(rawValue: stub.role) {
            case .start? where open == nil:
                open = stub
            case .stop?:
                guard let start = open else { continue }
                spans.append(span(start, stop: stub))
                open = nil
            default:
                continue
            }
        }
        if let open { spans.append(span(open, stop: nil)) }
        return spans
    }
}
