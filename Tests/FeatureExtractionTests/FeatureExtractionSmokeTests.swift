import Testing
@testable import FeatureExtraction
