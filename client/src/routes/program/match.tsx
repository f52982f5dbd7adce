// Scaffold: replaced by the page's real implementation in this change.
export default function Page() {
  return null;
}
