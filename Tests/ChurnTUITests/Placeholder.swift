import XCTest

final class ChurnTUITestsPlaceholder: XCTestCase {}
