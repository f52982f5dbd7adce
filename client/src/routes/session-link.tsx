/** Session link (being built). */
export default function SessionLinkPage() {
  return <p>Session link</p>;
}
