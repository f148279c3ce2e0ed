import ChurnKit
import XCTest

final class StableOrderTests: XCTestCase {
    /// The radix order equals a stable comparison sort, ties and NaN included, small and large.
    func testMatchesAStableComparisonSort() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 100, 5000, 70_000] {
            let values: [Double] = (0..<n).map { i in
                switch i % 7 {
                case 0: return Double(Int.random(in: 0..<50, using: &rng)) / 50   // many ties
                case 1: return .nan
                case 2: return -Double.random(in: 0..<1e6, using: &rng)
                case 3: return 0
                default: return Double.random(in: 0..<1, using: &rng)
                }
            }
            let key = values.map { $0.isNaN ? -Double.infinity : $0 }
            let indices: [Int32] = (0..<n).map { Int32($0) }
            let expected = indices.sorted { (a: Int32, b: Int32) -> Bool in
                let x = key[Int(a)], y = key[Int(b)]
                return x != y ? x < y : a < b
            }
            XCTAssertEqual(StableOrder.ascending(values), expected, "n = \(n)")
        }
    }
}
