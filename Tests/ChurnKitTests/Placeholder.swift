import XCTest

final class ChurnKitTestsPlaceholder: XCTestCase {}
