// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node has from version 22. On Node 20
// (Debian's nodesource build here) this stand-in behaves the same.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
