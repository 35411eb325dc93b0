@testable import Audit
import EventLog
import Testing

@Suite("BinaryRecord")
struct BinaryRecordTests {
    @Test("numbers of every size and sign and strings, none and empty among them, read back as written")
    func roundTrip() {
        let numbers: [Int64] = [0, 1, -1, 63, -64, 64, -65, 127, 128, 300, -300, 1_767_542_400_000, -86_400_000, Int64.max, Int64.min]
        let strings: [String?] = [nil, "", "a", "数据铁笼", String(repeating: "x", count: 200)]
        var writer = BinaryRecordWriter()
        for number in numbers { writer.integer(number) }
        for string in strings { writer.string(string) }
        writer.withBytes { bytes in
            var reader = BinaryRecordReader(bytes)
            #expect(numbers.map { _ in reader.integer() } == numbers)
            #expect(strings.map { _ in reader.string() } == strings.map { .some($0) })
            #expect(reader.isAtEnd)
        }
    }

    @Test("small numbers take one byte, a 13-digit millisecond instant six, a short string its length and one")
    func sizes() {
        var writer = BinaryRecordWriter()
        writer.integer(-64)
        #expect(writer.count == 1)
        writer.integer(1_767_542_400_000)
        #expect(writer.count == 7)
        writer.string("gy.jgj")
        #expect(writer.count == 14)
        writer.string(nil)
        #expect(writer.count == 15)
    }

    @Test("a record cut short or with a length past its end reads as damaged, not as garbage")
    func damaged() {
        var writer = BinaryRecordWriter()
        writer.integer(1_767_542_400_000)
        writer.string("subject")
        let bytes = writer.withBytes { Array($0) }
        for cut in 0 ..< bytes.count {
            Array(bytes.prefix(cut)).withUnsafeBytes { raw in
                var reader = BinaryRecordReader(raw)
                let number = reader.integer()
                let string = number == nil ? nil : reader.requiredString()
                #expect(number == nil || string == nil)
            }
        }
    }

    @Test("a shared string is returned when the stored bytes spell it, and decoded when they do not")
    func likelyString() {
        var writer = BinaryRecordWriter()
        writer.string("police.intake_3d")
        writer.string("money.split_purchase")
        writer.withBytes { bytes in
            var reader = BinaryRecordReader(bytes)
            #expect(reader.requiredString(likely: "police.intake_3d") == "police.intake_3d")
            #expect(reader.requiredString(likely: "police.intake_3d") == "money.split_purchase")
            #expect(reader.isAtEnd)
        }
    }

    @Test("a fact's payload keeps when it was recorded, before or after it happened")
    func factPayload() {
        let at = Instant(millisecondsSinceEpoch: 1_767_542_400_000)
        for lag: Int64 in [600_000, 0, -3_600_000] {
            let fact = Fact(
                seq: 42, role: 3, at: at, recorded: Instant(millisecondsSinceEpoch: at.millisecondsSinceEpoch + lag), dept: "gy.jgj",
                actor: nil, subject: "case:2026-0042", id: "JGJ-1", values: ["", "2026-11-02"], count: 7)
            var writer = BinaryRecordWriter()
            fact.writePayload(to: &writer)
            let read = writer.withBytes { Fact(seq: 42, role: 3, at: at.millisecondsSinceEpoch, count: 7, payload: $0) }
            #expect(read == fact)
        }
    }

    @Test("a count is read only when it is 0 to the record's size: a negative or larger one is damage")
    func counts() {
        // A record of four one-byte numbers is 4 bytes long: 0 and 4 are counts, -1 and 5 are not.
        var writer = BinaryRecordWriter()
        for number: Int64 in [0, 4, -1, 5] { writer.integer(number) }
        writer.withBytes { bytes in
            var reader = BinaryRecordReader(bytes)
            #expect(bytes.count == 4)
            #expect(reader.count() == 0)
            #expect(reader.count() == 4)
            #expect(reader.count() == nil)
            #expect(reader.count() == nil)
            #expect(reader.isAtEnd)
        }
    }
}
