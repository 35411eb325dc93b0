import EventLog

/// Text in Chinese and English: every rule name, finding message and report line has both.
public struct LocalizedText: Sendable, Equatable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

/// The language of output: `--lang zh|en`, defaulting from `LANG`.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// `zh` when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `zh`, else `en`.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}

/// How much a finding matters.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    public var label: LocalizedText {
        switch self {
        case .low: LocalizedText(zh: "低", en: "low")
        case .medium: LocalizedText(zh: "中", en: "medium")
        case .high: LocalizedText(zh: "高", en: "high")
        case .critical: LocalizedText(zh: "严重", en: "critical")
        }
    }
}

/// The card a finding shows (电子监察 red and yellow cards).
public enum FindingLevel: String, Sendable, Comparable {
    case yellow, red

    public static func < (lhs: FindingLevel, rhs: FindingLevel) -> Bool { lhs == .yellow && rhs == .red }

    public var label: LocalizedText {
        self == .red ? LocalizedText(zh: "红牌", en: "red") : LocalizedText(zh: "黄牌", en: "yellow")
    }
}
