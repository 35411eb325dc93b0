/// One event a tally keeps as a finding's evidence: its place in chronological order and its
/// seq. Marks order as `Fact.chronological` orders facts (by instant, then seq).
struct EvidenceMark: Equatable, Comparable {
    var at: Int64
    var seq: Int64

    static func < (a: EvidenceMark, b: EvidenceMark) -> Bool {
        a.at != b.at ? a.at < b.at : a.seq < b.seq
    }
}

extension Array where Element == EvidenceMark {
    /// Inserts a mark at its place in chronological order, searching from the end (most
    /// arrive after every mark; a late entry takes its place among them).
    ///
    /// - Returns: the index it took.
    @discardableResult
    mutating func insertInOrder(_ mark: EvidenceMark) -> Int {
        var place = endIndex
        while place > 0, mark < self[place - 1] { place -= 1 }
        insert(mark, at: place)
        return place
    }
}

extension BinaryRecordWriter {
    /// Marks in chronological order, each as its differences from the one before (small
    /// numbers; the count is the caller's to write).
    mutating func marks(_ marks: [EvidenceMark]) {
        var previous = EvidenceMark(at: 0, seq: 0)
        for mark in marks {
            integer(mark.at &- previous.at)
            integer(mark.seq &- previous.seq)
            previous = mark
        }
    }
}

extension BinaryRecordReader {
    /// `count` marks written by `BinaryRecordWriter.marks(_:)`; nil when the bytes run out.
    mutating func marks(count: Int) -> [EvidenceMark]? {
        var marks: [EvidenceMark] = []
        marks.reserveCapacity(count)
        var previous = EvidenceMark(at: 0, seq: 0)
        for _ in 0 ..< count {
            guard let at = integer(), let seq = integer() else { return nil }
            previous = EvidenceMark(at: previous.at &+ at, seq: previous.seq &+ seq)
            marks.append(previous)
        }
        return marks
    }
}
