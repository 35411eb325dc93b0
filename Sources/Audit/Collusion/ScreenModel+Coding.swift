import EventLog

/// Reading a model from a rule's `params.model` and writing it into a pack.
extension ScreenModel {
    /// Reads `params.model`, naming the exact key at fault.
    ///
    /// - Throws: `RuleError` for a missing or malformed key, a feature that is not a screen,
    ///   lists of different lengths, a zero scale, an unknown key.
    init(_ params: inout ParamReader) throws {
        let kindText = try params.string("kind") ?? ""
        guard let kind = Kind(rawValue: kindText) else {
            throw params.fail("kind", "expected logistic, boosted_stumps or blend")
        }
        guard case .array(let names)? = params.raw("features"), !names.isEmpty else {
            throw params.fail("features", "required: a list of screen names")
        }
        var features: [String] = []
        for (index, name) in names.enumerated() {
            guard let text = name.stringValue, PriceScreens.position(of: text) != nil else {
                throw params.fail("features[\(index)]", "not a screen (screens: \(PriceScreens.names.joined(separator: ", ")))")
            }
            guard !features.contains(text) else { throw params.fail("features[\(index)]", "listed twice") }
            features.append(text)
        }
        func numbers(_ key: String) throws -> [Double] {
            guard case .array(let values)? = params.raw(key) else {
                throw params.fail(key, "required for \(kind.rawValue): a list of numbers")
            }
            guard values.count == features.count else { throw params.fail(key, "needs one number per feature (\(features.count))") }
            return try values.enumerated().map { index, value in
                guard let number = value.doubleValue, number.isFinite else { throw params.fail("\(key)[\(index)]", "expected a number") }
                return number
            }
        }
        guard let intercept = try params.number("intercept") else { throw params.fail("intercept", "required: a number") }
        guard let threshold = try params.number("threshold") else {
            throw params.fail("threshold", "required: the score from which a tender is flagged")
        }
        var means: [Double] = []
        var scales: [Double] = []
        var weights: [Double] = []
        var stumps: [Stump] = []
        if kind != .boostedStumps {
            means = try numbers("means")
            scales = try numbers("scales")
            if let zero = scales.firstIndex(where: { $0 <= 0 }) { throw params.fail("scales[\(zero)]", "must be above 0") }
            weights = try numbers("weights")
        }
        if kind != .logistic {
            guard case .array(let list)? = params.raw("stumps") else {
                throw params.fail("stumps", "required for \(kind.rawValue): a list")
            }
            stumps = try list.enumerated().map { index, value in
                let key = "stumps[\(index)]"
                guard let object = value.objectValue else { throw params.fail(key, "expected an object") }
                let allowed: Set = ["feature", "split", "at_or_below", "above", "missing"]
                if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
                    throw params.fail("\(key).\(unknown)", "unknown key")
                }
                guard let name = object["feature"]?.stringValue, let feature = features.firstIndex(of: name) else {
                    throw params.fail("\(key).feature", "must name one of the model's features")
                }
                func number(_ member: String) throws -> Double {
                    guard let number = object[member]?.doubleValue, number.isFinite else {
                        throw params.fail("\(key).\(member)", "required: a number")
                    }
                    return number
                }
                return Stump(
                    feature: feature, split: try number("split"), atOrBelow: try number("at_or_below"), above: try number("above"),
                    missing: try number("missing"))
            }
        }
        self = ScreenModel(
            kind: kind, features: features, means: means, scales: scales, weights: weights, stumps: stumps, intercept: intercept,
            threshold: threshold)
        try params.finish()
    }

    /// The model as the JSON object a pack holds under `params.model`, indented by `indent`
    /// spaces after its first line.
    public func json(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        func list(_ numbers: [Double]) -> String { "[" + numbers.map(Self.number).joined(separator: ", ") + "]" }
        var lines = [
            #""kind": "\#(kind.rawValue)""#,
            #""features": [\#(features.map { "\"\($0)\"" }.joined(separator: ", "))]"#,
        ]
        if kind != .boostedStumps {
            lines += [#""means": \#(list(means))"#, #""scales": \#(list(scales))"#, #""weights": \#(list(weights))"#]
        }
        if kind != .logistic {
            let items = stumps.map { stump in
                #"\#(pad)    {"feature": "\#(features[stump.feature])", "split": \#(Self.number(stump.split)), "at_or_below": \#(Self.number(stump.atOrBelow)), "above": \#(Self.number(stump.above)), "missing": \#(Self.number(stump.missing))}"#
            }
            lines.append("\"stumps\": [\n" + items.joined(separator: ",\n") + "\n\(pad)  ]")
        }
        lines += [#""intercept": \#(Self.number(intercept))"#, #""threshold": \#(Self.number(threshold))"#]
        return "{\n" + lines.map { pad + "  " + $0 }.joined(separator: ",\n") + "\n\(pad)}"
    }

    /// A finite number as JSON: the shortest text that reads back as the same `Double`.
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no infinities")
        return value == 0 ? "0" : value.description
    }
}
