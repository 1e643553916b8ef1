"""The toolbox for driving the app from outside: protocol client, servers, Chromium (tests, bench, load test)."""
