export async function runLoopBench(): Promise<void> {
  console.log('loop bench: not yet written');
}
