// The benchmarks behind `hollow bench`.
