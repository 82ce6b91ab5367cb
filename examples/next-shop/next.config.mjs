/** @type {import('next').NextConfig} */
export default {
  // The examples live in a pnpm workspace; Next resolves the packages' dist like any installed package.
  poweredByHeader: false,
  reactStrictMode: true,
};
