/// The known outcomes of tenders, as a label file gives them: one `subject<TAB>0|1` per
/// line, 1 for a tender found collusive, 0 for one found competitive.
///
/// Empty lines and lines starting with `#` are skipped; a CR before the line feed is
/// dropped (files written on Windows). Everything else is an error naming the line:
/// no tab, more than one, an empty subject, a label other than 0 or 1, a subject listed
/// twice, bytes that are not UTF-8.
public struct ScreenLabels: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var subject: String
        public var collusive: Bool
        /// Its line in the file, from 1.
        public var line: Int

        public init(subject: String, collusive: Bool, line: Int) {
            self.subject = subject
            self.collusive = collusive
            self.line = line
        }
    }

    /// In the order of the file.
    public let entries: [Entry]

    /// Reads a label file.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - file: its name, for errors.
    /// - Throws: `ScreenLabelError` naming the first bad line.
    public static func parse(_ bytes: [UInt8], file: String) throws(ScreenLabelError) -> ScreenLabels {
        var entries: [Entry] = []
        var lines: [String: Int] = [:]
        var number = 0
        for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || line.first == UInt8(ascii: "#") { continue }
            func fail(_ message: String) -> ScreenLabelError { ScreenLabelError(file: file, line: number, message: message) }
            guard let text = String(validating: line, as: UTF8.self) else { throw fail("not UTF-8") }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw fail(
                    fields.count < 2 ? "expected SUBJECT<TAB>0|1, found no tab" : "expected SUBJECT<TAB>0|1, found \(fields.count - 1) tabs"
                )
            }
            let subject = String(fields[0])
            guard !subject.isEmpty, subject.first != " ", subject.last != " " else {
                throw fail("the subject is empty or has spaces around it")
            }
            let collusive: Bool
            switch fields[1].trimmingCharacters(in: " ") {
            case "1": collusive = true
            case "0": collusive = false
            default: throw fail("the label must be 0 (competitive) or 1 (collusive)")
            }
            if let first = lines[subject] { throw fail("the subject of line \(first) again") }
            lines[subject] = number
            entries.append(Entry(subject: subject, collusive: collusive, line: number))
        }
        return ScreenLabels(entries: entries)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return text
    }
}
