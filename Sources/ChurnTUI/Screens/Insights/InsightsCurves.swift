import ChurnKit

/// The model's curves read from its out-of-fold scores (each training customer scored by a model that
/// did not see them): ROC, precision-recall, reliability and lift per decile, plus sorted scores per
/// class so that the confusion matrix at any threshold costs two binary searches, not a pass over
/// every row. Computed once in the background (`InsightsEffect.computeCurves`).
public struct InsightsCurves: Sendable {
    /// The store id of the model the scores belong to.
    public let modelID: Int64
    public let rows: Int
    public let positives: Int
    public let negatives: Int
    public let rocAUC: Double
    public let averagePrecision: Double
    /// The ROC curve (x false positive rate, y true positive rate), thinned for drawing.
    public let roc: [PlotPoint]
    /// The precision-recall curve (x recall, y precision), thinned for drawing.
    public let precisionRecall: [PlotPoint]
    /// The reliability curve of the out-of-fold probabilities (10 equal-width bins).
    public let calibration: [CalibrationPoint]
    /// Lift and cumulative gain per decile, highest scores first.
    public let lift: [LiftRow]
    /// The scores of churned and of retained customers, ascending (NaN scores left out).
    private let positiveScores: [Double]
    private let negativeScores: [Double]

    /// The most points a drawn curve keeps (a chart has at most a few hundred dots across).
    static let drawnPoints = 800

    /// Computes every curve from out-of-fold scores.
    public init(_ scores: OutOfFoldScores, modelID: Int64) {
        self.modelID = modelID
        let p = scores.probabilities, y = scores.labels
        rows = p.count
        var pos: [Double] = [], neg: [Double] = []
        for i in p.indices where !p[i].isNaN {
            if y[i] > 0.5 { pos.append(p[i]) } else { neg.append(p[i]) }
        }
        pos.sort()
        neg.sort()
        positiveScores = pos
        negativeScores = neg
        positives = pos.count
        negatives = neg.count
        rocAUC = Metrics.rocAUC(scores: p, labels: y)
        averagePrecision = Metrics.averagePrecision(scores: p, labels: y)
        roc = Self.thin(Metrics.rocCurve(scores: p, labels: y, dropIntermediate: true)
            .map { PlotPoint(x: $0.falsePositiveRate, y: $0.truePositiveRate) })
        precisionRecall = Self.thin(Metrics.precisionRecallCurve(scores: p, labels: y).map { PlotPoint(x: $0.recall, y: $0.precision) })
        calibration = Metrics.calibrationCurve(probabilities: p, labels: y, bins: 10)
        lift = Metrics.liftTable(scores: p, labels: y, groups: 10)
    }

    /// Whether both classes are present (otherwise ROC and PR curves do not exist).
    public var hasBothClasses: Bool { positives > 0 && negatives > 0 }

    /// The confusion matrix when customers scoring `>= threshold` are predicted to churn.
    public func confusion(at threshold: Double) -> ConfusionMatrix {
        let tp = positives - Self.countBelow(threshold, in: positiveScores)
        let fp = negatives - Self.countBelow(threshold, in: negativeScores)
        return ConfusionMatrix(truePositives: Double(tp), falsePositives: Double(fp),
                               trueNegatives: Double(negatives - fp), falseNegatives: Double(positives - tp))
    }

    /// The ROC point (false positive rate, true positive rate) at a threshold.
    public func rocPoint(at threshold: Double) -> PlotPoint {
        let m = confusion(at: threshold)
        return PlotPoint(x: m.falsePositiveRate, y: m.recall)
    }

    /// The precision-recall point (recall, precision) at a threshold; precision is 1 when nobody is
    /// flagged, as at the curve's first point.
    public func precisionRecallPoint(at threshold: Double) -> PlotPoint {
        let m = confusion(at: threshold)
        return PlotPoint(x: m.recall, y: m.truePositives + m.falsePositives > 0 ? m.precision : 1)
    }

    /// The cumulative gains curve: share of churners found against share of customers contacted,
    /// from (0, 0) through the end of every decile.
    public var gains: [PlotPoint] {
        guard rows > 0 else { return [] }
        var points = [PlotPoint(x: 0, y: 0)]
        var contacted = 0
        for row in lift {
            contacted += row.rows
            points.append(PlotPoint(x: Double(contacted) / Double(rows), y: row.cumulativeGain))
        }
        return points
    }

    /// The number of values of an ascending array below `value` (its lower bound).
    static func countBelow(_ value: Double, in sorted: [Double]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// At most `drawnPoints` of a curve, evenly spaced by index, keeping both ends.
    static func thin(_ points: [PlotPoint]) -> [PlotPoint] {
        guard points.count > drawnPoints else { return points }
        let step = Double(points.count - 1) / Double(drawnPoints - 1)
        return (0..<drawnPoints).map { points[min(points.count - 1, Int((Double($0) * step).rounded()))] }
    }
}
