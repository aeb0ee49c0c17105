// Errors that are caught do not change the exit code.
try { null.x; } catch (e) { console.log(e instanceof TypeError, e.constructor.name); }
try { throw 'str'; } catch (e) { console.log('caught', e); }
Promise.reject(new Error('handled')).catch((e) => console.log('caught', e.message));
(async () => { try { await Promise.reject(new Error('awaited')); } catch (e) { console.log('caught', e.message); } })();
setTimeout(() => { try { JSON.parse('{bad'); } catch (e) { console.log('caught', e.name); } }, 0);
