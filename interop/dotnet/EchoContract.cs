// The contract the live worker serves (src/live/soap-echo.ts answers any request/reply
// operation this way): the reply carries the request's first parameter back.

using System.ServiceModel;
using System.ServiceModel.Channels;

namespace Dispatchsim.Interop.Tests;

[ServiceContract(Namespace = "urn:dispatchsim:echo")]
public interface IEcho
{
    [OperationContract]
    Task<string> EchoAsync(string text);
}

public static class Bindings
{
    /// <summary>NetTcpBinding without security: binary session encoding (0x08), no stream upgrade; the live worker serves it.</summary>
    public static Binding NetTcp() =>
        Timed(new NetTcpBinding(SecurityMode.None));

    /// <summary>SOAP 1.2 text over TCP (encoding record 0x03): the live worker serves it.</summary>
    public static Binding Text() =>
        Timed(new CustomBinding(new TextMessageEncodingBindingElement(), new TcpTransportBindingElement()));

    private static Binding Timed(Binding binding)
    {
        binding.OpenTimeout = TimeSpan.FromSeconds(15);
        binding.SendTimeout = TimeSpan.FromSeconds(15);
        binding.ReceiveTimeout = TimeSpan.FromSeconds(15);
        binding.CloseTimeout = TimeSpan.FromSeconds(5);
        return binding;
    }

    public static IEnumerable<object[]> Both() =>
        new[] { new object[] { "NetTcpBinding" }, new object[] { "CustomBinding(Text+Tcp)" } };

    public static Binding ByName(string name) => name == "NetTcpBinding" ? NetTcp() : Text();

    /// <summary>One call on a new channel factory (so a new connection), closed afterwards.</summary>
    public static async Task<string> EchoOnceAsync(Binding binding, string address, string text)
    {
        var factory = new ChannelFactory<IEcho>(binding, new EndpointAddress(address));
        var channel = factory.CreateChannel();
        try
        {
            var reply = await channel.EchoAsync(text);
            // Closed asynchronously: a blocking Close() in async code holds a thread-pool thread
            // until the server answers, and a hundred calls in parallel then starve the pool and
            // time out in Close (user report: 2-3 of 100 failed, in 14-22 s; 0 in 0.3 s so).
            var client = (IClientChannel)channel;
            await Task.Factory.FromAsync(client.BeginClose, client.EndClose, null);
            await Task.Factory.FromAsync(factory.BeginClose, factory.EndClose, null);
            return reply;
        }
        catch
        {
            ((IClientChannel)channel).Abort();
            factory.Abort();
            throw;
        }
    }
}
