public import EventLog

/// Who a finding left unexplained reaches, after how many working days.
///
/// Default, after Guiyang's 数据铁笼: an explanation is due within 3 working days; past
/// that the responsible leader is told, past 5 the deputy head, past 7 discipline
/// inspection (纪检监察). Configured in `Rules/escalation.json`:
/// `{"ladder": [{"after_workdays": 3, "to": {"zh": "分管领导", "en": "responsible leader"}}, …]}`.
public struct EscalationLadder: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var afterWorkdays: Int
        public var to: LocalizedText
    }

    public var steps: [Step]

    public static let guiyang = EscalationLadder(steps: [
        Step(afterWorkdays: 3, to: LocalizedText(zh: "分管领导", en: "responsible leader")),
        Step(afterWorkdays: 5, to: LocalizedText(zh: "单位副职负责人", en: "deputy head")),
        Step(afterWorkdays: 7, to: LocalizedText(zh: "纪检监察机关", en: "discipline inspection")),
    ])

    static func parse(_ bytes: [UInt8], file: String) throws -> EscalationLadder {
        guard let steps = (try? JSONParser.parse(bytes))?["ladder"]?.arrayValue, !steps.isEmpty else {
            throw RuleError(file: file, key: "ladder", message: "expected {\"ladder\": [{\"after_workdays\": N, \"to\": {\"zh\", \"en\"}}, …]}")
        }
        var parsed: [Step] = []
        for (index, step) in steps.enumerated() {
            guard let days = step["after_workdays"]?.int64Value, days > 0,
                let zh = step["to"]?["zh"]?.stringValue, let en = step["to"]?["en"]?.stringValue
            else {
                throw RuleError(file: file, key: "ladder[\(index)]", message: "needs after_workdays (> 0) and to {zh, en}")
            }
            guard parsed.last.map({ Int(days) > $0.afterWorkdays }) ?? true else {
                throw RuleError(file: file, key: "ladder[\(index)].after_workdays", message: "steps must climb")
            }
            parsed.append(Step(afterWorkdays: Int(days), to: LocalizedText(zh: zh, en: en)))
        }
        return EscalationLadder(steps: parsed)
    }

    /// The highest step reached by a finding open since `began`, unexplained, at `instant`.
    ///
    /// A finding older than the calendar's first year (old cases loaded from an archive)
    /// is counted from that year's start when that alone passes the last step: the whole
    /// wait passes it too. Otherwise a missing year is an error.
    public func step(began: Instant, at instant: Instant, calendar: WorkCalendar) throws -> Step? {
        let from = calendar.localDate(of: began)
        let to = calendar.localDate(of: instant)
        let first = calendar.coveredYears.lowerBound
        if from.year < first, to.year >= first, let last = steps.last, let start = CalendarDate(year: first, month: 1, day: 1) {
            let covered = try calendar.workdays(after: CalendarDate(daysSinceEpoch: start.daysSinceEpoch - 1), through: to)
            if covered > last.afterWorkdays { return last }
        }
        let elapsed = try calendar.workdays(after: from, through: to)
        return steps.last { elapsed > $0.afterWorkdays }
    }
}
