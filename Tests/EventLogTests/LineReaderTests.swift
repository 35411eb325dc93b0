import EventLog
import Testing

@Suite("LineReader")
struct LineReaderTests {
    /// Reads everything, rendering each event as text for exact comparison.
    func events(_ input: String, limit: Int = 16, chunk: Int = 3, overflow: ((String) -> Void)? = nil) throws -> [String] {
        let reader = LineReader(source: MemorySource(input, chunkSize: chunk), maximumLineLength: limit)
        if let overflow {
            reader.overflow = { overflow(String(decoding: $0, as: UTF8.self)) }
        }
        var out: [String] = []
        while true {
            switch try reader.next() {
            case .line(let number, let bytes): out.append("\(number):\(String(decoding: bytes, as: UTF8.self))")
            case .tooLong(let number, let length): out.append("\(number):too long (\(length))")
            case .timedOut: out.append("timed out")
            case .end: return out
            }
        }
    }

    @Test("splits lines across reads, strips CRLF, keeps blank lines and a last line without newline")
    func splitting() throws {
        #expect(try events("ab\r\n\ncdef\nlast") == ["1:ab", "2:", "3:cdef", "4:last"])
        #expect(try events("") == [])
        #expect(try events("\n") == ["1:"])
    }

    @Test("a line over the limit is skipped without being buffered, and numbering goes on")
    func overlong() throws {
        var skipped = ""
        let result = try events("ok\n" + String(repeating: "x", count: 40) + "\nnext\n", limit: 16, chunk: 7) { skipped += $0 }
        #expect(result == ["1:ok", "2:too long (40)", "3:next"])
        #expect(skipped == String(repeating: "x", count: 40))
    }

    @Test("a line of exactly the limit is accepted, with or without CR; one byte more is not")
    func limitBoundary() throws {
        let exact = String(repeating: "a", count: 16)
        #expect(try events(exact + "\n" + exact + "\r\n" + exact + "b\n") == ["1:\(exact)", "2:\(exact)", "3:too long (17)"])
    }

    @Test("an over-long last line without a newline is reported")
    func overlongAtEnd() throws {
        #expect(try events("a\n" + String(repeating: "z", count: 30), limit: 8, chunk: 5) == ["1:a", "2:too long (30)"])
    }

    @Test("a silent pipe yields timedOut, then the line once it arrives")
    func timeout() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = LineReader(source: FileDescriptorSource(fileDescriptor: fds[0], name: "pipe"))
        guard case .timedOut = try reader.next(timeoutMilliseconds: 10) else {
            Issue.record("expected a timeout")
            return
        }
        _ = "hello\n".withCString { write(fds[1], $0, 6) }
        guard case .line(1, let bytes) = try reader.next(timeoutMilliseconds: 1000) else {
            Issue.record("expected line 1")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "hello")
        close(fds[1])
        guard case .end = try reader.next(timeoutMilliseconds: 1000) else {
            Issue.record("expected the end")
            return
        }
        close(fds[0])
    }
}

#if canImport(Glibc)
import Glibc
#endif
