/// The words of a `price_screens` finding (`PriceScreenEvaluator`).
extension AuditedFinding {
    /// The message of a price-screen finding — its score against the threshold, the three
    /// screens that raised it most, the screens past their own thresholds — or nil for a
    /// finding of another kind. Every screen and contribution stays in the details.
    func screensMessage() -> LocalizedText? {
        guard finding.code == "price_screens" else { return nil }
        return Self.screensMessage(finding.details)
    }

    static func screensMessage(_ details: [String: String]) -> LocalizedText {
        let bids = details["bids"] ?? "?"
        var zh: [String] = []
        var en: [String] = []
        if let score = details["score"], let threshold = details["threshold"] {
            zh.append("投标报价筛查得分 \(score)，达到阈值 \(threshold)（\(bids) 个报价）")
            en.append("bid price screens score \(score), at or above the threshold \(threshold) (\(bids) bids)")
            let raising = details.compactMap { key, value -> (name: String, value: Double, text: String)? in
                guard key.hasPrefix("contribution."), let number = Double(value), number > 0 else { return nil }
                return (String(key.dropFirst("contribution.".count)), number, value)
            }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.name < $1.name }
            .prefix(3)
            if !raising.isEmpty {
                func item(_ entry: (name: String, value: Double, text: String), _ language: Language) -> String {
                    let label = PriceScreens.label(of: entry.name).text(language)
                    let value = details["screen." + entry.name] ?? "n/a"
                    return language == .zh
                        ? "\(label) \(entry.name)=\(value)（\(entry.text)）" : "\(label) \(entry.name)=\(value) (\(entry.text))"
                }
                zh.append("主要因素：" + raising.map { item($0, .zh) }.joined(separator: "、"))
                en.append("chiefly " + raising.map { item($0, .en) }.joined(separator: ", "))
            }
        } else {
            zh.append("投标报价筛查（\(bids) 个报价）")
            en.append("bid price screens (\(bids) bids)")
        }
        if let passed = details["passed"] {
            zh.append("越过阈值：\(passed)")
            en.append("past their thresholds: \(passed)")
        }
        return LocalizedText(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "))
    }
}
