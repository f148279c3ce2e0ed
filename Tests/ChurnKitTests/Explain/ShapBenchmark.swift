import ChurnKit
import Foundation
import XCTest

/// Release-mode TreeSHAP timing beside LightGBM's pred_contrib (Tests/Fixtures/scripts/shap_reference.py).
/// Skipped unless CHURN_SHAP_BENCH names the CSV the script wrote. Prints figures; asserts only additivity.
///
///     python3 Tests/Fixtures/scripts/shap_reference.py /tmp/shap_bench.csv
///     CHURN_SHAP_BENCH=/tmp/shap_bench.csv swift test -c release -Xswiftc -enable-testing --filter ShapBenchmark
///
/// (Other test files use `@testable import`, hence `-enable-testing` in release.) Measured once on the shared
/// 2-core machine under heavy load from other builds (load average 5-14), so wall times are inflated:
/// - LightGBM 4.7.0 pred_contrib, 300 trees x 31 leaves (mean leaf depth 6.76, max 19), 100,000 x 40, 2 threads:
///   1166.6 s wall at load ~11 (the issue quotes ~93 s on a quiet machine).
/// - churn TreeSHAP, same data and settings (mean leaf depth 6.73, max 17): 95.2 s wall at load ~7, 72.0 s CPU
///   (both cores), i.e. ~36 s on two quiet cores; max |expected + Σφ − margin| = 5e-14.
/// - One customer (300 trees): median 0.62 ms, max 0.87 ms; what-if re-score with both explanations: median 1.3 ms.
final class ShapBenchmark: XCTestCase {
    func testTreeSHAPOnAHundredThousandRows() throws {
        guard let path = ProcessInfo.processInfo.environment["CHURN_SHAP_BENCH"] else {
            throw XCTSkip("set CHURN_SHAP_BENCH to the CSV written by shap_reference.py")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let featureCount = header.count - 1
        var columns = [[Double]](repeating: [], count: featureCount)
        var labels: [Double] = []
        for line in lines {
            let fields = line.split(separator: ",")
            for j in 0..<featureCount { columns[j].append(Double(fields[j]) ?? .nan) }
            labels.append(Double(fields[featureCount]) ?? 0)
        }
        let x = TrainingMatrix(names: Array(header[0..<featureCount]), columns: columns)
        var params = GradientBoostingParameters()
        params.rounds = 300
        params.maxLeaves = 31
        params.learningRate = 0.1
        var model = GradientBoosting(parameters: params)
        let fitStart = DispatchTime.now().uptimeNanoseconds
        try model.fit(x, labels: labels, weights: nil, control: .none)
        let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - fitStart) / 1e9
        var depths: [Int] = []
        for tree in model.trees {
            func walk(_ n: Int, _ d: Int) {
                if tree.isLeaf(n) { depths.append(d) } else { walk(Int(tree.left[n]), d + 1); walk(Int(tree.right[n]), d + 1) }
            }
            walk(0, 0)
        }
        print(String(format: "churn gbdt: fit %.2f s; trees=%d leaves=%d mean leaf depth=%.2f max depth=%d", fitSeconds,
                     model.trees.count, depths.count, Double(depths.reduce(0, +)) / Double(depths.count), depths.max() ?? 0))

        let prepareStart = DispatchTime.now().uptimeNanoseconds
        let explainer = try TreeExplainer(model)
        let prepareSeconds = Double(DispatchTime.now().uptimeNanoseconds - prepareStart) / 1e9
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = clock()
        let shap = try explainer.shapValues(x)
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "churn TreeSHAP on %d rows x %d features, 2 cores: %.2f s (%.3f ms per row), CPU time %.2f s; preparing %.3f s",
                     x.rows, featureCount, seconds, seconds / Double(x.rows) * 1e3, cpu, prepareSeconds))

        // One customer at a time (what a screen does on a key press): median of 1000.
        var single: [Double] = []
        for r in stride(from: 0, to: x.rows, by: x.rows / 1000) {
            let row = x.row(r)
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try explainer.contributions(row: row)
            single.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        single.sort()
        print(String(format: "churn one-customer explanation: median %.3f ms, max %.3f ms", single[single.count / 2], single.last ?? 0))

        // A what-if re-score with contributions before and after (also per key press).
        let modelExplainer = ModelExplainer(tree: explainer)
        var whatIf: [Double] = []
        for r in stride(from: 0, to: x.rows, by: x.rows / 200) {
            let row = x.row(r)
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try WhatIf.evaluate(model: model, explainer: modelExplainer, featureNames: x.names, row: row, set: ["f3": row[3] + 1])
            whatIf.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        whatIf.sort()
        print(String(format: "churn what-if re-score + both explanations: median %.3f ms, max %.3f ms", whatIf[whatIf.count / 2], whatIf.last ?? 0))

        let margins = model.predictMargins(x)
        let sums = shap.margins()
        var worst = 0.0
        for r in 0..<x.rows { worst = max(worst, abs(sums[r] - margins[r])) }
        print(String(format: "max |expected + sum - margin| = %.2e", worst))
        XCTAssertLessThan(worst, 1e-6)
    }
}
