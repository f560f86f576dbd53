/** A one-line progress display: redrawn in place on a terminal, plain lines (at most every 5 s) otherwise. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  return {
    update(text: string) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
      } else if (Date.now() - last > 5000) {
        stream.write(`${text}\n`);
        last = Date.now();
      }
    },
    done(text: string) {
      stream.write(stream.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
  };
}

export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`;
}
