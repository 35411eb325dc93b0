import EventLog

extension Filter {
    static let operators: Set = ["eq", "ne", "lt", "le", "gt", "ge", "in", "nin", "exists", "between", "prefix", "contains"]

    /// Reads a filter from its JSON form.
    ///
    /// - Parameter key: where the filter sits in the rule, for error messages (e.g. `params.start`).
    /// - Throws: `RuleError` naming the key at fault.
    static func parse(_ value: JSONValue, key: String, file: String, rule: String) throws -> Filter {
        func fail(_ at: String, _ message: String) -> RuleError {
            RuleError(file: file, rule: rule, key: at, message: message)
        }
        guard case .object(let object) = value else { throw fail(key, "a filter must be a JSON object") }
        var parts: [Filter] = []
        for (name, operand) in object.members {
            let here = "\(key).\(name)"
            switch name {
            case "all", "any":
                guard case .array(let elements) = operand else { throw fail(here, "takes a list of filters") }
                let filters = try elements.enumerated().map { try parse($1, key: "\(here)[\($0)]", file: file, rule: rule) }
                parts.append(name == "all" ? .all(filters) : .any(filters))
            case "not":
                parts.append(.not(try parse(operand, key: here, file: file, rule: rule)))
            default:
                guard let path = FieldPath(name) else {
                    throw fail(here, "unknown field (use type, dept, actor, subject, id, at, recorded, data.…, at.date, at.month, at.year, at.hour, at.weekday, at.workday or lag_hours)")
                }
                parts.append(.test(path, try condition(operand, path: path, key: here, fail: fail)))
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private static func condition(
        _ value: JSONValue, path: FieldPath, key: String, fail: (String, String) -> RuleError
    ) throws -> Condition {
        guard case .object(let object) = value else {
            return .eq(try operand(value, path: path, key: key, fail: fail))
        }
        guard object.count == 1, let (name, argument) = object.members.first else {
            throw fail(key, "give exactly one operator (\(operators.sorted().joined(separator: " ")))")
        }
        let here = "\(key).\(name)"
        func single() throws -> Operand { try operand(argument, path: path, key: here, fail: fail) }
        func list() throws -> [Operand] {
            guard case .array(let elements) = argument else { throw fail(here, "takes a list") }
            return try elements.map { try operand($0, path: path, key: here, fail: fail) }
        }
        switch name {
        case "eq": return .eq(try single())
        case "ne": return .ne(try single())
        case "lt": return .lt(try single())
        case "le": return .le(try single())
        case "gt": return .gt(try single())
        case "ge": return .ge(try single())
        case "in": return .in(try list())
        case "nin": return .nin(try list())
        case "contains": return .contains(try single())
        case "exists":
            guard case .bool(let flag) = argument else { throw fail(here, "takes true or false") }
            return .exists(flag)
        case "prefix":
            guard case .string(let prefix) = argument else { throw fail(here, "takes a string") }
            return .prefix(prefix)
        case "between":
            let bounds = try list()
            guard bounds.count == 2 else { throw fail(here, "takes [low, high]") }
            return .between(bounds[0], bounds[1])
        default:
            throw fail(here, "unknown operator (use \(operators.sorted().joined(separator: " ")))")
        }
    }

    private static func operand(_ value: JSONValue, path: FieldPath, key: String, fail: (String, String) -> RuleError) throws -> Operand {
        switch value {
        case .number(let literal):
            guard let number = Double(literal) else { throw fail(key, "number out of range") }
            return .number(number)
        case .string(let text):
            if path.isInstant {
                guard let instant = Instant(rfc3339: text) else { throw fail(key, "\(path) compares with RFC 3339 instants") }
                return .number(Double(instant.millisecondsSinceEpoch))
            }
            return .text(text)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array, .object: throw fail(key, "expected a plain value")
        }
    }
}
