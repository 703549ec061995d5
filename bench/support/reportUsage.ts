// Preloaded into a benchmarked command (node --import): when the process exits, write its own wall time
// and peak memory (max resident set size) to the file named by BENCH_USAGE_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(
      file,
      JSON.stringify({
        uptimeMs: Math.round(process.uptime() * 1000),
        cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
        maxRssKb: process.resourceUsage().maxRSS,
      }),
    );
  });
}
