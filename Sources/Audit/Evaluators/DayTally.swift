import EventLog

/// How many events an actor has on each day, and the events of the days that matter: all an
/// `outlier` rule in `history` mode needs to judge new events without reading the actor's
/// facts back.
///
/// A person's look-ups gather for years under one key, and each new look-up made the key
/// stale: at 5M events an incremental audit read back over 200,000 of them to re-judge
/// about 300 people whose findings almost never change. With the day counts stored beside
/// the facts, the new look-ups are added to them; when the median day and the outlying days
/// (with their counts) stay as they were, the stored findings stand. When they change (the
/// median moves, a day turns outlying), the findings are built from the tally: it holds the
/// look-ups (seq and time) of the days that are outlying or near it (`keep(factor:minimumCount:)`)
/// and of the latest day — where new look-ups arrive — so that a day turning outlying is
/// usually one whose look-ups it holds. Only a day it does not hold turning outlying sends
/// the key back to every fact.
///
/// Days are day numbers, kept in order, with a histogram of the counts: the median and the
/// number of outlying days are read from the histogram, with no text to parse or sort and no
/// dictionary to decode; the days before the last week stay as stored bytes until a late
/// look-up lands on one of them.
struct DayTally: Equatable {
    /// One look-up of a kept day: its place in chronological order and its seq as evidence.
    typealias Mark = EvidenceMark

    /// A day's look-ups, whole: a finding's evidence, start (the last) and card (the first).
    struct Day: Equatable {
        var marks: [Mark]
        var dept: String
        var actor: String?
        var subject: String
        var id: String
    }

    /// A day and its count.
    struct DayCount: Equatable {
        var day: Int
        var count: Int
    }

    /// The days before the last weeks (`recentDays`), as stored: each day's difference from
    /// the one before and its count. Read only when a look-up lands on one of them (a late
    /// entry): at 5M an officer's two years of days, read and written again for each new
    /// look-up, were most of what judging a round's officers from their tallies cost.
    private var frozen: [UInt8] = []
    /// How many days `frozen` holds, and the last of them.
    private var frozenCount = 0
    private var frozenLast: Int?
    /// The later days (`CalendarDate.daysSinceEpoch`), ascending, and each one's count.
    private var recentDays: [Int] = []
    private var recentCounts: [Int] = []
    /// `histogram[n]`: how many days have `n` events.
    private var histogram: [Int] = [0]
    /// The days whose look-ups are held, by day: the outlying ones and the latest.
    var kept: [Int: Day] = [:]
    /// The highest seq added: a fact at or below it is in the tally already.
    var lastSeq: Int64 = 0

    /// Days within this many of the latest stay out of `frozen`: where new and late look-ups land.
    static let recentSpan = 7

    /// Marks the stored form; tallies of the earlier forms start otherwise and are refused,
    /// so that their keys are judged from their facts once.
    private static let format: Int64 = -3

    /// How many days have events.
    var dayCount: Int { frozenCount + recentDays.count }

    /// Every day with events, ascending, and its count (the frozen ones read); nil when
    /// `frozen` is damaged.
    var allDays: (days: [Int], counts: [Int])? {
        guard let thawed = Self.read(frozen, count: frozenCount) else { return nil }
        return (thawed.days + recentDays, thawed.counts + recentCounts)
    }

    /// Adds facts (the local day `YYYY-MM-DD` their first value); those at or below `lastSeq`
    /// are skipped. A day first seen here is held whole until `keep(factor:minimumCount:)` lets it go.
    ///
    /// - Returns: false when a fact's day is not a date, or the frozen days are damaged (the
    ///   tally is then left part-way and must be discarded).
    mutating func add(_ facts: [Fact]) -> Bool {
        let known = lastSeq
        for fact in facts where fact.seq > known {
            guard let day = (fact.values.first.flatMap { CalendarDate(iso: $0) })?.daysSinceEpoch else { return false }
            if let frozenLast, day <= frozenLast {
                guard let thawed = Self.read(frozen, count: frozenCount) else { return false }
                recentDays = thawed.days + recentDays
                recentCounts = thawed.counts + recentCounts
                frozen = []
                frozenCount = 0
                self.frozenLast = nil
            }
            lastSeq = max(lastSeq, fact.seq)
            let mark = Mark(at: fact.at.millisecondsSinceEpoch, seq: fact.seq)
            let index = place(of: day)
            if index < recentDays.count, recentDays[index] == day {
                histogram[recentCounts[index]] -= 1
                recentCounts[index] += 1
                note(recentCounts[index])
                guard var held = kept[day] else { continue }
                if held.marks.insertInOrder(mark) == 0 {
                    held.dept = fact.dept
                    held.actor = fact.actor
                    held.subject = fact.subject
                    held.id = fact.id
                }
                kept[day] = held
            } else {
                recentDays.insert(day, at: index)
                recentCounts.insert(1, at: index)
                note(1)
                kept[day] = Day(marks: [mark], dept: fact.dept, actor: fact.actor, subject: fact.subject, id: fact.id)
            }
        }
        return true
    }

    /// Days and counts as `frozen` stores them; nil when damaged.
    private static func read(_ bytes: [UInt8], count: Int) -> (days: [Int], counts: [Int])? {
        bytes.withUnsafeBytes { raw in
            var reader = BinaryRecordReader(raw)
            var days: [Int] = []
            var counts: [Int] = []
            days.reserveCapacity(count)
            counts.reserveCapacity(count)
            var previous = 0
            for _ in 0 ..< count {
                guard let difference = reader.integer(), days.isEmpty || difference > 0, let count = reader.integer(), count >= 1 else {
                    return nil
                }
                previous += Int(difference)
                days.append(previous)
                counts.append(Int(count))
            }
            return reader.isAtEnd ? (days, counts) : nil
        }
    }

    /// Where `day` is or would go in `recentDays` (new look-ups are mostly on the latest day).
    private func place(of day: Int) -> Int {
        if let last = recentDays.last, last <= day { return last == day ? recentDays.count - 1 : recentDays.count }
        var low = 0
        var high = recentDays.count
        while low < high {
            let middle = (low + high) / 2
            if recentDays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Counts one more day with `count` events in the histogram.
    private mutating func note(_ count: Int) {
        if count >= histogram.count { histogram += Array(repeating: 0, count: count + 1 - histogram.count) }
        histogram[count] += 1
    }

    /// The median day count (the mean of the middle two, in whole events); nil with no days.
    var median: Int? {
        guard dayCount > 0 else { return nil }
        let upper = dayCount / 2
        let lower = dayCount % 2 == 1 ? upper : upper - 1
        var seen = 0
        var lowerCount: Int?
        for (count, many) in histogram.enumerated() where many > 0 {
            seen += many
            if lowerCount == nil, seen > lower { lowerCount = count }
            if seen > upper, let lowerCount { return (lowerCount + count) / 2 }
        }
        return nil
    }

    /// The days with at least `minimumCount` events and more than `factor` × the median, in
    /// order, and that median (nil with fewer than three days: nothing is judged); nil when
    /// one of those days is not held (only every fact can tell its findings).
    ///
    /// Counted from the histogram and found among the held days, without reading the others.
    func outlying(factor: Double, minimumCount: Int) -> (median: Double?, days: [DayCount])? {
        guard dayCount >= 3, let median = median.map(Double.init) else { return (nil, []) }
        let threshold = factor * median
        var outlying = 0
        for (count, days) in histogram.enumerated() where days > 0 && count >= minimumCount && Double(count) > threshold {
            outlying += days
        }
        guard outlying > 0 else { return (median, []) }
        var found: [DayCount] = []
        for (day, held) in kept where held.marks.count >= minimumCount && Double(held.marks.count) > threshold {
            found.append(DayCount(day: day, count: held.marks.count))
        }
        guard found.count == outlying else { return nil }
        return (median, found.sorted { $0.day < $1.day })
    }

    /// Lets go of the look-ups of every held day but the latest and those that are outlying
    /// or would be with a median one event lower (at least `minimumCount` events and more
    /// than `factor` × (median − 1)): a median moves a step at a time as days are added, and
    /// at 5M events a tally that held only the outlying days sent ten keys a round back to
    /// every fact when a median fell from 3 to 2. Then freezes the days before the last
    /// `recentSpan` (`frozen`).
    mutating func keep(factor: Double, minimumCount: Int) {
        let latest = recentDays.last
        let floor = factor * Double((median ?? 1) - 1)
        kept = kept.filter { day, held in day == latest || (held.marks.count >= minimumCount && Double(held.marks.count) > floor) }
        guard let latest else { return }
        var writer = BinaryRecordWriter(capacity: 0)
        var previous = frozenLast ?? 0
        var moved = 0
        while moved < recentDays.count, recentDays[moved] < latest - Self.recentSpan {
            writer.integer(Int64(recentDays[moved] - previous))
            writer.integer(Int64(recentCounts[moved]))
            previous = recentDays[moved]
            moved += 1
        }
        guard moved > 0 else { return }
        frozen += writer.bytes
        frozenCount += moved
        frozenLast = previous
        recentDays.removeFirst(moved)
        recentCounts.removeFirst(moved)
    }

    /// The tally as the projections store it: the histogram, the frozen days as they are,
    /// the recent days as differences from the one before, the held days.
    func encoded() -> [UInt8] {
        var writer = BinaryRecordWriter(
            capacity: 48 + histogram.count + frozen.count + recentDays.count * 3 + kept.values.reduce(0) { $0 + 48 + $1.marks.count * 6 })
        writer.integer(Self.format)
        writer.integer(lastSeq)
        writer.integer(Int64(histogram.count))
        for days in histogram { writer.integer(Int64(days)) }
        writer.integer(Int64(frozenCount))
        writer.integer(Int64(frozenLast ?? 0))
        writer.integer(Int64(frozen.count))
        writer.raw(frozen)
        writer.integer(Int64(recentDays.count))
        var previous = frozenLast ?? 0
        for (day, count) in zip(recentDays, recentCounts) {
            writer.integer(Int64(day - previous))
            writer.integer(Int64(count))
            previous = day
        }
        writer.integer(Int64(kept.count))
        for (day, held) in kept.sorted(by: { $0.key < $1.key }) {
            writer.integer(Int64(day))
            writer.integer(Int64(held.marks.count))
            writer.marks(held.marks)
            writer.string(held.dept)
            writer.string(held.actor)
            writer.string(held.subject)
            writer.string(held.id)
        }
        return writer.bytes
    }

    /// Reads a tally written by `encoded()`; nil when damaged or of an earlier form. The
    /// frozen days are checked only against the histogram's number of days until read.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        var reader = BinaryRecordReader(bytes)
        guard reader.integer() == Self.format, let lastSeq = reader.integer(), let histogramCount = reader.count(), histogramCount > 0
        else { return nil }
        histogram.removeAll()
        histogram.reserveCapacity(histogramCount)
        for _ in 0 ..< histogramCount {
            guard let days = reader.integer(), days >= 0 else { return nil }
            histogram.append(Int(days))
        }
        guard let frozenCount = reader.count(), let frozenLast = reader.integer(), let frozenBytes = reader.count(),
            let frozen = reader.raw(count: frozenBytes), let recent = reader.count()
        else { return nil }
        self.frozenCount = frozenCount
        self.frozenLast = frozenCount > 0 ? Int(frozenLast) : nil
        self.frozen = frozen
        var previous = Int(frozenLast)
        for _ in 0 ..< recent {
            guard let difference = reader.integer(), difference > 0 || (frozenCount == 0 && recentDays.isEmpty),
                let count = reader.integer(),
                count >= 1, Int(count) < histogram.count, histogram[Int(count)] > 0
            else { return nil }
            previous += Int(difference)
            recentDays.append(previous)
            recentCounts.append(Int(count))
        }
        guard histogram[0] == 0, histogram.reduce(0, +) == frozenCount + recent else { return nil }
        guard let keptCount = reader.count() else { return nil }
        for _ in 0 ..< keptCount {
            guard let day = reader.integer(), let markCount = reader.count(), markCount > 0, let marks = reader.marks(count: markCount),
                let dept = reader.requiredString(), let actor = reader.string(), let subject = reader.requiredString(),
                let id = reader.requiredString()
            else { return nil }
            kept[Int(day)] = Day(marks: marks, dept: dept, actor: actor, subject: subject, id: id)
        }
        guard reader.isAtEnd else { return nil }
        self.lastSeq = lastSeq
    }

    init() {}
}
