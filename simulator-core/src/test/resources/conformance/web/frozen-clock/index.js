export default {
  async fetch() {
    const d1 = Date.now(), p1 = performance.now(), n1 = new Date().getTime();
    let x = 0; const start = Date.now();
    for (let i = 0; i < 3e6; i++) x += i % 7;   // tens of milliseconds of pure CPU
    const d2 = Date.now(), p2 = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    const d3 = Date.now(), p3 = performance.now();
    return Response.json({
      dateFrozenWhileRunning: d2 === d1,
      perfFrozenWhileRunning: p2 === p1,
      newDateNearNow: Math.abs(n1 - d1) < 100,
      dateMovesAfterTimer: d3 - d1 >= 25,
      perfMovesAfterTimer: p3 - p1 >= 25,
      perfIsInteger: Number.isInteger(p3),
      timeOrigin: typeof performance.timeOrigin,
      x: x > 0,
    });
  },
};
