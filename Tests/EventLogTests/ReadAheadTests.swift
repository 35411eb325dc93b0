#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

@testable import EventLog

@Suite("ReadAhead")
struct ReadAheadTests {
    /// A sparse file of `size` bytes, so the kernel's reads cost nothing.
    private func sparseFile(size: Int64) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(size)) == 0)
        return path
    }

    @Test("requests a window of 64 MB ahead of the scan, and never past the end of the file")
    func windowAheadOfTheScan() throws {
        let megabyte: Int64 = 1 << 20
        let path = sparseFile(size: 200 * megabyte)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let readAhead = try #require(ReadAhead(path: path))
        #expect(readAhead.requested == 64 * megabyte)
        readAhead.advance(toFraction: 0.25)
        #expect(readAhead.requested == 114 * megabyte)
        // Going back asks for nothing again.
        readAhead.advance(toFraction: 0.1)
        #expect(readAhead.requested == 114 * megabyte)
        readAhead.advance(toFraction: 0.9)
        #expect(readAhead.requested == 200 * megabyte)
    }

    @Test("gives no read-ahead, and no error, for a file that cannot be opened")
    func missingFile() {
        #expect(ReadAhead(path: "/nonexistent/ironcage/log.db") == nil)
    }
}
