# %%
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
n = len(train)
all_data = pd.get_dummies(pd.concat([train.drop(columns="SalePrice"), test]))
train_x = all_data[:n]
test_x = all_data[n:]
model = LinearRegression().fit(train_x, train["SalePrice"])
predictions = model.predict(test_x)
