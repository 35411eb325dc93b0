import EventLog

/// A condition on an event, in the one small language every rule uses.
///
/// Written in JSON as an object whose keys are field paths (see `FieldPath`) and whose
/// values are either a plain value (equality) or one operator:
/// `{"type": "case.accepted", "data.kind": {"in": ["criminal"]}, "data.amount": {"between": [1900000, 1999999.99]}}`.
/// Several keys must all hold; `{"any": [filter, …]}`, `{"all": [filter, …]}` and
/// `{"not": filter}` combine filters. Operators: `eq ne lt le gt ge in nin exists between prefix`
/// (and `contains` for arrays). Numbers compare as numbers, `at`/`recorded` as instants,
/// other values by their text.
public indirect enum Filter: Sendable, Equatable {
    case all([Filter])
    case any([Filter])
    case not(Filter)
    case test(FieldPath, Condition)

    /// One operator and its operand.
    public enum Condition: Sendable, Equatable {
        case eq(Operand), ne(Operand), lt(Operand), le(Operand), gt(Operand), ge(Operand)
        case `in`([Operand]), nin([Operand])
        case exists(Bool)
        case between(Operand, Operand)
        case prefix(String)
        case contains(Operand)
    }

    /// A literal in a condition, prepared for comparison.
    public enum Operand: Sendable, Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case null
    }

    /// A filter that every event passes.
    public static let always = Filter.all([])

    /// Whether `event` passes.
    ///
    /// - Throws: `CalendarError` for `at.workday` outside the calendar.
    public func matches(_ event: AuditEvent, calendar: WorkCalendar) throws -> Bool {
        switch self {
        case .all(let filters):
            for filter in filters where try !filter.matches(event, calendar: calendar) { return false }
            return true
        case .any(let filters):
            for filter in filters where try filter.matches(event, calendar: calendar) { return true }
            return false
        case .not(let filter):
            return try !filter.matches(event, calendar: calendar)
        case .test(let path, let condition):
            return condition.holds(for: try path.value(in: event, calendar: calendar))
        }
    }

    /// The event types this filter can match, or nil when it does not pin `type` down.
    ///
    /// Lets the engine hand each event only to the rules that can use it.
    var possibleTypes: Set<String>? {
        switch self {
        case .all(let filters):
            return filters.compactMap(\.possibleTypes).reduce(nil) { result, types in result.map { $0.intersection(types) } ?? types }
        case .any(let filters):
            var union: Set<String> = []
            for filter in filters {
                guard let types = filter.possibleTypes else { return nil }
                union.formUnion(types)
            }
            return union
        case .not:
            return nil
        case .test(let path, let condition):
            guard path.root == .type else { return nil }
            switch condition {
            case .eq(.text(let type)): return [type]
            case .in(let operands): return Set(operands.compactMap { if case .text(let type) = $0 { type } else { nil } })
            default: return nil
            }
        }
    }
}

extension Filter.Condition {
    func holds(for value: JSONValue?) -> Bool {
        switch self {
        case .exists(let wanted):
            let present = value.map { !$0.isNull } ?? false
            return present == wanted
        case .ne(let operand):
            guard let value else { return true }
            return compare(value, operand) != .orderedSame
        case .nin(let operands):
            guard let value else { return true }
            return !operands.contains { compare(value, $0) == .orderedSame }
        default:
            break
        }
        guard let value else { return false }
        switch self {
        case .eq(let operand): return compare(value, operand) == .orderedSame
        case .lt(let operand): return compare(value, operand) == .orderedAscending
        case .le(let operand): return [.orderedAscending, .orderedSame].contains(compare(value, operand))
        case .gt(let operand): return compare(value, operand) == .orderedDescending
        case .ge(let operand): return [.orderedDescending, .orderedSame].contains(compare(value, operand))
        case .in(let operands): return operands.contains { compare(value, $0) == .orderedSame }
        case .between(let low, let high):
            return [.orderedDescending, .orderedSame].contains(compare(value, low))
                && [.orderedAscending, .orderedSame].contains(compare(value, high))
        case .prefix(let prefix):
            guard case .string(let text) = value else { return false }
            return text.utf8.starts(with: prefix.utf8)
        case .contains(let operand):
            guard case .array(let elements) = value else { return false }
            return elements.contains { compare($0, operand) == .orderedSame }
        case .exists, .ne, .nin:
            return false
        }
    }

    /// Orders a value against an operand; nil when they are not comparable (e.g. a number against text).
    private func compare(_ value: JSONValue, _ operand: Filter.Operand) -> Ordering? {
        switch (value, operand) {
        case (.number(let literal), .number(let number)):
            guard let double = Double(literal) else { return nil }
            return double < number ? .orderedAscending : (double > number ? .orderedDescending : .orderedSame)
        case (.string(let text), .text(let other)):
            // Byte order of UTF-8, the same order the log sorts keys in.
            return text.utf8.lexicographicallyPrecedes(other.utf8)
                ? .orderedAscending : (text.utf8.elementsEqual(other.utf8) ? .orderedSame : .orderedDescending)
        case (.bool(let flag), .bool(let other)):
            return flag == other ? .orderedSame : nil
        case (.null, .null):
            return .orderedSame
        default:
            return nil
        }
    }

    enum Ordering { case orderedAscending, orderedSame, orderedDescending }
}
