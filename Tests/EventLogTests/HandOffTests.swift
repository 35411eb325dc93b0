import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import EventLog

@Suite("HandOff")
struct HandOffTests {
    @Test("hands items over in order, at most `capacity` ahead, and drains after close")
    func order() {
        let handOff = HandOff<Int>(capacity: 2)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue(label: "producer").async {
            for item in 1 ... 100 { handOff.put(item) }
            handOff.close()
            done.signal()
        }
        var taken: [Int] = []
        while let item = handOff.take() { taken.append(item) }
        done.wait()
        #expect(taken == Array(1 ... 100))
        #expect(!handOff.put(101))
    }

    @Test("a producer waiting for room runs side jobs as they arrive")
    func sideJobsWhileWaiting() {
        let handOff = HandOff<Int>(capacity: 1)
        let jobs = SideJobs(wake: { handOff.wake() })
        handOff.put(1)
        let producerThread = Mutex<pthread_t?>(nil)
        let jobThread = Mutex<pthread_t?>(nil)
        let done = DispatchSemaphore(value: 0)
        let jobRan = DispatchSemaphore(value: 0)
        DispatchQueue(label: "producer").async {
            producerThread.withLock { $0 = pthread_self() }
            // Blocks: the queue is full until the job below has run and we take item 1.
            handOff.put(2, servicing: jobs)
            done.signal()
        }
        jobs.submit {
            jobThread.withLock { $0 = pthread_self() }
            jobRan.signal()
        }
        jobRan.wait()
        #expect(jobThread.withLock { $0 } != nil)
        #expect(jobThread.withLock { $0 } == producerThread.withLock { $0 })
        #expect(handOff.take() == 1)
        done.wait()
        #expect(handOff.take() == 2)
    }

    @Test("waitUntilClosed runs side jobs until the queue is closed")
    func waitUntilClosed() {
        let handOff = HandOff<Int>(capacity: 1)
        let jobs = SideJobs(wake: { handOff.wake() })
        let count = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue(label: "helper").async {
            handOff.waitUntilClosed(servicing: jobs)
            done.signal()
        }
        let ran = DispatchSemaphore(value: 0)
        for _ in 0 ..< 3 {
            jobs.submit {
                count.add(1, ordering: .relaxed)
                ran.signal()
            }
            ran.wait()
        }
        handOff.close()
        done.wait()
        #expect(count.load(ordering: .relaxed) == 3)
    }
}
