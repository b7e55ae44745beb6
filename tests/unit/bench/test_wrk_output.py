"""Reading wrk's --latency report (bench.run)."""

from bench.run import parse_wrk

REPORT = """Running 10s test @ http://127.0.0.1:40111/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    22.31ms    8.02ms 112.40ms   81.20%
    Req/Sec   180.10     21.33   230.00     70.50%
  Latency Distribution
     50%   20.95ms
     75%   25.10ms
     90%  850.00us
     99%    1.20s
  3592 requests in 10.01s, 41.03MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    358.84
Transfer/sec:      4.10MB
"""


class ParseWrkTests:
    def test_reads_throughput_percentiles_and_errors(self):
        result = parse_wrk(REPORT)

        assert result["rps"] == 358.84
        assert result["p50_ms"] == 20.95
        assert result["p75_ms"] == 25.1
        assert result["p90_ms"] == 0.85
        assert result["p99_ms"] == 1200.0
        assert result["requests"] == 3592
        assert result["socket_errors"] == 3
        assert result["non_2xx_3xx"] == 4

    def test_a_failed_run_has_no_throughput(self):
        assert parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")["rps"] is None
