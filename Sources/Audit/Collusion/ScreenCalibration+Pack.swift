import EventLog

/// The pack a calibration writes.
extension ScreenCalibration {
    /// The rule's name and legal basis, in both languages.
    static let ruleName = LocalizedText(zh: "投标报价分布异常（价格筛查得分）", en: "Bid prices look rigged (price screen score)")
    static let ruleBasis = LocalizedText(
        zh:
            "《招标投标法》第三十二条（投标人不得相互串通投标报价）；《招标投标法实施条例》第四十条第（四）项（不同投标人的投标文件异常一致或者投标报价呈规律性差异的，视为相互串通投标）。筛查指标见 Imhof, Karagök & Rutz (2018)、Huber & Imhof (2019)：得分只提示核查方向，不是串标的证明。",
        en:
            "Tendering and Bidding Law art. 32 (bidders shall not collude on prices); Regulations for Implementing the Tendering and Bidding Law art. 40(4) (bids abnormally alike or prices differing in a regular pattern are deemed collusion). Screens after Imhof, Karagök & Rutz (2018) and Huber & Imhof (2019): a score tells an inspector where to look; it is not proof of collusion."
    )

    /// A pack with one `collusion` rule in mode `screens` holding `model`, ready for
    /// `ironcage audit --rules`: severity medium, a yellow card.
    ///
    /// - Parameters:
    ///   - name: the pack's name; the rule is `<name>.price_screens`.
    ///   - model: the calibrated model.
    ///   - minimumBids: the rule's `min_bids`.
    ///   - about: how the model was calibrated, for whoever reads the pack.
    ///   - historyDays: the histories' window the model was calibrated with, written as
    ///     `history_days` when the model reads a history screen.
    public static func pack(name: String, model: ScreenModel, minimumBids: Int, about: String, historyDays: Int? = nil) -> String {
        func string(_ text: String) -> String {
            var bytes: [UInt8] = []
            CanonicalJSON.appendString(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        let window =
            historyDays.map { days in model.features.contains(where: PriceScreens.isHistory) ? "\n        \"history_days\": \(days)," : "" } ?? ""
        return """
            {
              "pack": \(string(name)),
              "name": {"zh": "投标报价筛查", "en": "Bid price screens"},
              "about": \(string(about)),
              "rules": [
                {
                  "id": \(string(name + ".price_screens")),
                  "name": {"zh": \(string(ruleName.zh)), "en": \(string(ruleName.en))},
                  "kind": "collusion",
                  "severity": "medium",
                  "level": "yellow",
                  "basis": {
                    "zh": \(string(ruleBasis.zh)),
                    "en": \(string(ruleBasis.en))
                  },
                  "params": {
                    "mode": "screens",
                    "min_bids": \(minimumBids),\(window)
                    "model": \(model.json(indent: 8))
                  }
                }
              ]
            }

            """
    }
}
